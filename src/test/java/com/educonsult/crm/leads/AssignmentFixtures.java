package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.AUDIT_LOGS;
import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;

import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Leads for the assignment and student tests, inserted directly (lead creation over HTTP lives elsewhere),
 * with the few statuses they need: looked up by code, inserted only when the organization lacks them.
 */
abstract class AssignmentFixtures extends ApiTest {

    protected UUID status(Org org, String code, boolean won, boolean lost) {
        return tenancy.callAs(org.id(), () -> {
            db.insertInto(LEAD_STATUSES)
                    .set(LEAD_STATUSES.ORGANIZATION_ID, org.id())
                    .set(LEAD_STATUSES.ID, Ids.newId())
                    .set(LEAD_STATUSES.NAME, code)
                    .set(LEAD_STATUSES.CODE, code)
                    .set(LEAD_STATUSES.IS_WON, won)
                    .set(LEAD_STATUSES.IS_LOST, lost)
                    .onConflict(LEAD_STATUSES.ORGANIZATION_ID, LEAD_STATUSES.CODE).doNothing()
                    .execute();
            return db.select(LEAD_STATUSES.ID).from(LEAD_STATUSES)
                    .where(LEAD_STATUSES.ORGANIZATION_ID.eq(org.id()), LEAD_STATUSES.CODE.eq(code))
                    .fetchSingle(LEAD_STATUSES.ID);
        });
    }

    protected UUID openStatus(Org org) {
        return status(org, "new", false, false);
    }

    protected UUID wonStatus(Org org) {
        return status(org, "enrolled", true, false);
    }

    protected UUID lostStatus(Org org) {
        return status(org, "lost", false, true);
    }

    /** A lead in the open status, optionally owned by a user and in a branch. */
    protected UUID lead(Org org, String firstName, UUID assignedTo, UUID branchId) {
        return lead(org, firstName, assignedTo, branchId, openStatus(org), null, "manual");
    }

    protected UUID lead(Org org, String firstName, UUID assignedTo, UUID branchId, UUID statusId, String source,
            String platform) {
        UUID id = Ids.newId();
        tenancy.runAs(org.id(), () -> db.insertInto(LEADS)
                .set(LEADS.ORGANIZATION_ID, org.id())
                .set(LEADS.ID, id)
                .set(LEADS.FIRST_NAME, firstName)
                .set(LEADS.LAST_NAME, "Lead")
                .set(LEADS.PHONE, "+9198765" + String.format("%05d", Math.abs(id.hashCode()) % 100000))
                .set(LEADS.EMAIL, firstName.toLowerCase() + "@lead.test")
                .set(LEADS.STATUS_ID, statusId)
                .set(LEADS.ASSIGNED_TO, assignedTo)
                .set(LEADS.BRANCH_ID, branchId)
                .set(LEADS.SOURCE, source)
                .set(LEADS.PLATFORM, platform)
                .execute());
        return id;
    }

    protected UUID branch(Org org, String name) {
        var data = api.post("/api/v1/branches", org.adminToken(), Map.of("name", name)).expect(201).data();
        return UUID.fromString(data.get("id").asString());
    }

    protected UUID ownerOf(Org org, UUID leadId) {
        return tenancy.callAs(org.id(), () -> db.select(LEADS.ASSIGNED_TO).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(org.id()), LEADS.ID.eq(leadId)).fetchOne(LEADS.ASSIGNED_TO));
    }

    protected List<String> auditActions(Org org, Object resourceId) {
        return tenancy.callAs(org.id(), () -> db.select(AUDIT_LOGS.ACTION).from(AUDIT_LOGS)
                .where(AUDIT_LOGS.ORGANIZATION_ID.eq(org.id()), AUDIT_LOGS.RESOURCE_ID.eq(resourceId.toString()))
                .orderBy(AUDIT_LOGS.CREATED_AT, AUDIT_LOGS.ID)
                .fetch(AUDIT_LOGS.ACTION));
    }

    protected static Map<String, Object> assign(UUID leadId, UUID userId) {
        return Map.of("lead_id", leadId.toString(), "assigned_to", userId.toString(), "reason", "Fits their region",
                "notes", "Call today");
    }
}
