package com.educonsult.crm.catalog;

import static com.educonsult.crm.jooq.Tables.AUDIT_LOGS;
import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;

import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.support.ApiTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/** Catalogue entries made through the API, and leads inserted with SQL, for the catalogue and template tests. */
public final class CatalogFixtures {

    private final ApiTest.Api api;
    private final DSLContext db;
    private final Tenancy tenancy;

    public CatalogFixtures(ApiTest.Api api, DSLContext db, Tenancy tenancy) {
        this.api = api;
        this.db = db;
        this.tenancy = tenancy;
    }

    public UUID institution(ApiTest.Org org, String name, String countryCode, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("name", name);
        body.put("country_code", countryCode);
        return id(api.post("/api/v1/catalog/institutions", org.adminToken(), body).expect(201));
    }

    public UUID institution(ApiTest.Org org, String name, String countryCode) {
        return institution(org, name, countryCode, Map.of());
    }

    public UUID course(ApiTest.Org org, UUID institutionId, String name, String level, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("institution_id", institutionId.toString());
        body.put("name", name);
        body.put("level", level);
        return id(api.post("/api/v1/catalog/courses", org.adminToken(), body).expect(201));
    }

    /**
     * A lead of the organization, assigned to the given user (or nobody), with the details set by the caller.
     * Uses the organization's status of code {@code new}, made when it does not exist.
     */
    public UUID lead(ApiTest.Org org, UUID assignedTo, Consumer<LeadsRecord> details) {
        return tenancy.callAs(org.id(), () -> {
            db.insertInto(LEAD_STATUSES)
                    .set(LEAD_STATUSES.ORGANIZATION_ID, org.id())
                    .set(LEAD_STATUSES.NAME, "New")
                    .set(LEAD_STATUSES.CODE, "new")
                    .onConflictDoNothing()
                    .execute();
            UUID statusId = db.select(LEAD_STATUSES.ID).from(LEAD_STATUSES)
                    .where(LEAD_STATUSES.ORGANIZATION_ID.eq(org.id()), LEAD_STATUSES.CODE.eq("new"))
                    .fetchSingle(LEAD_STATUSES.ID);
            LeadsRecord lead = db.newRecord(LEADS);
            lead.setOrganizationId(org.id());
            lead.setId(UUID.randomUUID());
            lead.setStatusId(statusId);
            lead.setFirstName("Priya");
            lead.setAssignedTo(assignedTo);
            details.accept(lead);
            lead.insert();
            return lead.getId();
        });
    }

    /** Takes a permission away from one of the organization's roles (before its users log in). */
    public void revoke(ApiTest.Org org, String role, String permission) {
        tenancy.runAs(org.id(), () -> db.execute("delete from role_permissions where organization_id = ? and "
                + "permission = ? and role_id = (select id from roles where organization_id = ? and code = ?)",
                org.id(), permission, org.id(), role));
    }

    /** The audit actions recorded for one resource, oldest first. */
    public List<String> auditActions(ApiTest.Org org, Object resourceId) {
        return tenancy.callAs(org.id(), () -> db.select(AUDIT_LOGS.ACTION).from(AUDIT_LOGS)
                .where(AUDIT_LOGS.ORGANIZATION_ID.eq(org.id()), AUDIT_LOGS.RESOURCE_ID.eq(resourceId.toString()))
                .orderBy(AUDIT_LOGS.CREATED_AT, AUDIT_LOGS.ID)
                .fetch(AUDIT_LOGS.ACTION));
    }

    private static UUID id(ApiTest.Response response) {
        return UUID.fromString(response.data().get("id").asString());
    }
}
