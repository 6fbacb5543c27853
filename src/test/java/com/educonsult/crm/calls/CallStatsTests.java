package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CallStatsTests extends CallApiTest {

    @Test
    void statsArePerUserPerDayOfTheOrganizationsTimeZone() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        // 2024-03-01 20:00Z is already 2 March in Asia/Kolkata (+05:30)
        sync(counselor.token(), List.of(
                call("s1", "9876543210", "incoming", 60, "2024-03-01T08:00:00Z"),
                call("s2", "9876543210", "outgoing", 40, "2024-03-01T09:00:00Z"),
                call("s3", "9811111111", "missed", 0, "2024-03-01T10:00:00Z"),
                call("s4", "9811111111", "outgoing", 0, "2024-03-01T11:00:00Z"),
                call("s5", "9822222222", "rejected", 0, "2024-03-01T20:00:00Z")));

        JsonNode stats = api.get("/api/v1/calls/stats?user_id=" + counselor.id(), org.adminToken()).expect(200).data();
        assertThat(stats.get("time_zone").asString()).isEqualTo("Asia/Kolkata");
        JsonNode days = stats.get("days");
        assertThat(days).hasSize(2);
        JsonNode second = days.get(0);
        assertThat(second.get("day").asString()).isEqualTo("2024-03-02");
        assertThat(second.get("rejected").asInt()).isEqualTo(1);
        JsonNode first = days.get(1);
        assertThat(first.get("day").asString()).isEqualTo("2024-03-01");
        assertThat(first.get("user_id").asString()).isEqualTo(counselor.id().toString());
        assertThat(first.get("total").asInt()).isEqualTo(4);
        assertThat(first.get("incoming").asInt()).isEqualTo(1);
        assertThat(first.get("outgoing").asInt()).isEqualTo(2);
        assertThat(first.get("missed").asInt()).isEqualTo(1);
        assertThat(first.get("connected").asInt()).isEqualTo(2);
        assertThat(first.get("talk_time_seconds").asLong()).isEqualTo(100);
        assertThat(first.get("unique_numbers").asInt()).isEqualTo(2);
        assertThat(first.get("connected_rate").decimalValue()).isEqualByComparingTo("0.5");

        JsonNode ranged = api.get("/api/v1/calls/stats?from=2024-03-01T08:30:00Z&to=2024-03-01T12:00:00Z",
                org.adminToken()).expect(200).data();
        assertThat(ranged.get("days").get(0).get("total").asInt()).isEqualTo(3);
    }

    @Test
    void anAgentsStatsCoverOnlyTheirOwnCalls() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        sync(org.adminToken(), List.of(call("m1", "9876543210", "incoming", 60, "2024-03-01T08:00:00Z")));
        sync(agent.token(), List.of(call("m1", "9876543210", "incoming", 60, "2024-03-01T08:00:00Z")));

        JsonNode days = api.get("/api/v1/calls/stats", agent.token()).expect(200).data().get("days");
        assertThat(days).hasSize(1);
        assertThat(days.get(0).get("user_id").asString()).isEqualTo(agent.id().toString());
        assertThat(api.get("/api/v1/calls/stats", org.adminToken()).expect(200).data().get("days")).hasSize(2);
        api.get("/api/v1/calls/stats?from=soon", org.adminToken()).expect(400);
    }
}
