package com.educonsult.crm.leads;

import com.educonsult.crm.support.ApiTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Lead tests' fixtures: leads created through the API, statuses by code. */
abstract class LeadApiTest extends ApiTest {

    protected UUID createLead(String token, Map<String, ?> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("first_name", "Riya");
        body.putIfAbsent("allow_duplicate", true);
        return UUID.fromString(api.post("/api/v1/leads", token, body).expect(201).data().get("id").asString());
    }

    protected UUID createLead(String token, String firstName, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", firstName);
        if (phone != null) {
            body.put("phone", phone);
        }
        return createLead(token, body);
    }

    protected JsonNode lead(String token, UUID id) {
        return api.get("/api/v1/leads/" + id, token).expect(200).data();
    }

    protected UUID statusId(Org org, String code) {
        for (JsonNode status : api.get("/api/v1/lead-statuses", org.adminToken()).expect(200).data()) {
            if (status.get("code").asString().equals(code)) {
                return UUID.fromString(status.get("id").asString());
            }
        }
        throw new IllegalArgumentException("no status " + code);
    }

    /** A user of a custom role that may read every lead of the organization and nothing else. */
    protected TestUser reader(Org org) {
        api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "reader", "name", "Reader", "data_scope", "all",
                "permissions", java.util.List.of("leads:read"))).expect(201);
        return userWithRole(org, "reader");
    }

    /** Gives the lead to the user directly, as the assignment endpoints would. */
    protected void assign(Org org, UUID leadId, UUID userId) {
        tenancy.runAs(org.id(), () -> db.execute(
                "update leads set assigned_to = ?, assigned_at = now() where organization_id = ? and id = ?",
                userId, org.id(), leadId));
    }
}
