package com.educonsult.crm.calls;

import com.educonsult.crm.support.ApiTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Call tests' fixtures: leads created through the API, calls synced through it. */
abstract class CallApiTest extends ApiTest {

    protected UUID createLead(String token, String firstName, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", firstName);
        body.put("phone", phone);
        body.put("allow_duplicate", true);
        return UUID.fromString(api.post("/api/v1/leads", token, body).expect(201).data().get("id").asString());
    }

    protected static Map<String, Object> call(String deviceCallId, String phone, String type, int duration,
            Object timestamp) {
        Map<String, Object> call = new HashMap<>();
        call.put("device_call_id", deviceCallId);
        call.put("phone_number", phone);
        call.put("call_type", type);
        call.put("duration", duration);
        call.put("timestamp", timestamp);
        call.put("sim_slot", 1);
        return call;
    }

    protected JsonNode sync(String token, List<Map<String, Object>> calls) {
        return api.post("/api/v1/calls/sync", token, Map.of("call_logs", calls)).expect(200).data();
    }

    protected static List<String> results(JsonNode synced) {
        List<String> results = new ArrayList<>();
        synced.get("results").forEach(r -> results.add(r.get("result").asString()));
        return results;
    }

    protected Map<String, Object> leadRow(Org org, UUID leadId) {
        Map<String, Object> row = new HashMap<>();
        tenancy.runAs(org.id(), () -> row.putAll(db.fetchOne(
                "select total_calls, total_attempts, last_call_duration, last_call_at, last_contact_date, engagement "
                        + "from leads where organization_id = ? and id = ?", org.id(), leadId).intoMap()));
        return row;
    }

    protected long storedCalls(Org org) {
        long[] count = new long[1];
        tenancy.runAs(org.id(), () -> count[0] = db.fetchCount(db.selectFrom("call_logs")
                .where("organization_id = ?", org.id())));
        return count[0];
    }
}
