package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.AUDIT_LOGS;
import static com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES;

import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fixtures shared by the administration tests: branches, users made through the API, audit and message reads. */
abstract class AdminApiTest extends ApiTest {

    protected UUID createBranch(Org org, String name) {
        var data = api.post("/api/v1/branches", org.adminToken(), Map.of("name", name)).expect(201).data();
        return UUID.fromString(data.get("id").asString());
    }

    protected UUID createUser(Org org, String role, UUID branchId) {
        var body = new java.util.HashMap<String, Object>(Map.of(
                "first_name", "Uma", "last_name", "User", "email", unique("user") + "@x.test",
                "roles", List.of(role), "password", PASSWORD));
        if (branchId != null) {
            body.put("branch_id", branchId.toString());
        }
        var data = api.post("/api/v1/admin/users", org.adminToken(), body).expect(201).data();
        return UUID.fromString(data.get("id").asString());
    }

    /** The audit actions recorded for one resource, oldest first. */
    protected List<String> auditActions(Org org, Object resourceId) {
        return tenancy.callAs(org.id(), () -> db.select(AUDIT_LOGS.ACTION).from(AUDIT_LOGS)
                .where(AUDIT_LOGS.ORGANIZATION_ID.eq(org.id()), AUDIT_LOGS.RESOURCE_ID.eq(resourceId.toString()))
                .orderBy(AUDIT_LOGS.CREATED_AT, AUDIT_LOGS.ID)
                .fetch(AUDIT_LOGS.ACTION));
    }

    /** The body of the latest message recorded for a recipient. */
    protected String lastMessageTo(String recipient) {
        return tenancy.callAs(UUID.randomUUID(), () -> db.select(RECORDED_MESSAGES.BODY).from(RECORDED_MESSAGES)
                .where(RECORDED_MESSAGES.RECIPIENT.eq(recipient))
                .orderBy(RECORDED_MESSAGES.CREATED_AT.desc(), RECORDED_MESSAGES.ID.desc())
                .limit(1)
                .fetchOne(RECORDED_MESSAGES.BODY));
    }
}
