package com.educonsult.crm.activities;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;

import com.educonsult.crm.support.ApiTest;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Leads for the activity tests, inserted with SQL (lead creation is another module's endpoint), and reads of
 * what the activities module tells the leads module.
 */
abstract class ActivityFixtures extends ApiTest {

    /** A lead of the organization, assigned to the user (or nobody), in the branch (or none). */
    protected UUID lead(Org org, UUID assignedTo, UUID branchId) {
        return tenancy.callAs(org.id(), () -> db.insertInto(LEADS)
                .set(LEADS.ORGANIZATION_ID, org.id())
                .set(LEADS.FIRST_NAME, "Lena")
                .set(LEADS.LAST_NAME, "Lead")
                .set(LEADS.STATUS_ID, status(org))
                .set(LEADS.ASSIGNED_TO, assignedTo)
                .set(LEADS.BRANCH_ID, branchId)
                .returning(LEADS.ID)
                .fetchOne(LEADS.ID));
    }

    protected UUID lead(Org org, UUID assignedTo) {
        return lead(org, assignedTo, null);
    }

    protected UUID lead(Org org) {
        return lead(org, null);
    }

    protected UUID branch(Org org) {
        return tenancy.callAs(org.id(), () -> db.fetchSingle(
                "insert into branches (organization_id, name) values (?, ?) returning id", org.id(), unique("branch"))
                .get(0, UUID.class));
    }

    /** The organization's "new" status, made when the organization has none yet. */
    private UUID status(Org org) {
        UUID existing = db.select(LEAD_STATUSES.ID).from(LEAD_STATUSES)
                .where(LEAD_STATUSES.ORGANIZATION_ID.eq(org.id()), LEAD_STATUSES.CODE.eq("new"))
                .fetchOne(LEAD_STATUSES.ID);
        if (existing != null) {
            return existing;
        }
        return db.insertInto(LEAD_STATUSES)
                .set(LEAD_STATUSES.ORGANIZATION_ID, org.id())
                .set(LEAD_STATUSES.NAME, "New")
                .set(LEAD_STATUSES.CODE, "new")
                .returning(LEAD_STATUSES.ID)
                .fetchOne(LEAD_STATUSES.ID);
    }

    /** A user of a custom role holding only the given permissions, seeing the leads assigned to them. */
    protected TestUser userWithPermissions(Org org, String... permissions) {
        String code = "custom_" + Long.toString(System.nanoTime(), 36);
        tenancy.runAs(org.id(), () -> {
            UUID role = db.fetchSingle("insert into roles (organization_id, code, name) values (?, ?, ?) returning id",
                    org.id(), code, code).get(0, UUID.class);
            for (String permission : permissions) {
                db.execute("insert into role_permissions (organization_id, role_id, permission) values (?, ?, ?)",
                        org.id(), role, permission);
            }
        });
        return userWithRole(org, code);
    }

    protected String engagement(Org org, UUID leadId) {
        return leadField(org, leadId).get(LEADS.ENGAGEMENT);
    }

    protected OffsetDateTime nextFollowUp(Org org, UUID leadId) {
        return leadField(org, leadId).get(LEADS.NEXT_FOLLOW_UP_DATE);
    }

    protected OffsetDateTime lastContact(Org org, UUID leadId) {
        return leadField(org, leadId).get(LEADS.LAST_CONTACT_DATE);
    }

    private org.jooq.Record leadField(Org org, UUID leadId) {
        return tenancy.callAs(org.id(), () -> db.select(LEADS.ENGAGEMENT, LEADS.NEXT_FOLLOW_UP_DATE,
                        LEADS.LAST_CONTACT_DATE).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(org.id()), LEADS.ID.eq(leadId)).fetchOne());
    }

    protected UUID logActivity(Org org, String token, UUID leadId, Map<String, Object> fields) {
        var body = new java.util.HashMap<String, Object>(Map.of("lead_id", leadId.toString(),
                "activity_type", "call", "description", "Called about the intake"));
        body.putAll(fields);
        return UUID.fromString(api.post("/api/v1/activities/log", token, body).expect(201).data().get("id").asString());
    }

    protected static UUID id(tools.jackson.databind.JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }
}
