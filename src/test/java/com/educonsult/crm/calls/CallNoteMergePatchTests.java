package com.educonsult.crm.calls;

import static com.educonsult.crm.support.MergePatchChecks.assertRefusesNull;
import static com.educonsult.crm.support.MergePatchChecks.mergePatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH /calls/{id}/notes as JSON Merge Patch: without notes the call stays; null notes answer 422. */
class CallNoteMergePatchTests extends CallApiTest {

    @Test
    void aCallsNoteStaysWhenAbsentAndRefusesNull() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        JsonNode synced = sync(counselor.token(), List.of(call("m1", "9876543210", "outgoing", 30,
                System.currentTimeMillis())));
        String id = synced.get("results").get(0).get("call_id").asString();
        String path = "/api/v1/calls/" + id + "/notes";
        api.patch(path, org.adminToken(), Map.of("notes", "Wants a callback")).expect(200);

        JsonNode unchanged = mergePatch(api, path, org.adminToken(), JSON.createObjectNode()).expect(200).data();

        assertThat(unchanged.get("notes").asString()).isEqualTo("Wants a callback");
        assertRefusesNull(api, path, org.adminToken(), "notes");
        assertThat(api.get("/api/v1/calls/" + id, org.adminToken()).expect(200).data().get("notes").asString())
                .isEqualTo("Wants a callback");
    }
}
