package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PipelineSummaryTests extends LeadApiTest {

    private static Map<String, JsonNode> byCode(JsonNode summary) {
        Map<String, JsonNode> rows = new HashMap<>();
        summary.get("statuses").forEach(row -> rows.put(row.get("code").asString(), row));
        return rows;
    }

    @Test
    void eachStatusShowsItsLeadsTheirBudgetsAndTheirDaysInTheStatus() {
        Org org = registerOrganization();
        createLead(org.adminToken(), Map.of("budget_min", 100000, "budget_max", 300000));
        createLead(org.adminToken(), Map.of("budget_max", 500000));
        createLead(org.adminToken(), Map.of("budget_min", 1000, "budget_currency", "GBP"));
        UUID contacted = createLead(org.adminToken(), Map.of("status", "contacted"));
        tenancy.runAs(org.id(), () -> db.execute("update lead_stages set entered_at = now() - interval '3 days' "
                + "where organization_id = ? and lead_id = ? and exited_at is null", org.id(), contacted));
        UUID deleted = createLead(org.adminToken(), Map.of("budget_max", 999));
        api.delete("/api/v1/leads/" + deleted, org.adminToken()).expect(200);

        JsonNode summary = api.get("/api/v1/pipeline/summary", org.adminToken()).expect(200).data();

        assertThat(summary.get("total_leads").asInt()).isEqualTo(4);
        assertThat(summary.get("budget_basis").asString()).contains("midpoint");
        Map<String, JsonNode> rows = byCode(summary);
        JsonNode fresh = rows.get("new");
        assertThat(fresh.get("count").asInt()).isEqualTo(3);
        assertThat(fresh.get("budgets").size()).isEqualTo(2);
        assertThat(fresh.get("budgets").get(0).get("currency").asString()).isEqualTo("GBP");
        assertThat(fresh.get("budgets").get(0).get("total").decimalValue()).isEqualByComparingTo("1000");
        assertThat(fresh.get("budgets").get(1).get("currency").asString()).isEqualTo("INR");
        assertThat(fresh.get("budgets").get(1).get("total").decimalValue()).isEqualByComparingTo("700000");
        assertThat(fresh.get("budgets").get(1).get("leads").asInt()).isEqualTo(2);
        assertThat(fresh.get("average_days_in_status").asDouble()).isLessThan(0.1);
        assertThat(rows.get("contacted").get("count").asInt()).isOne();
        assertThat(rows.get("contacted").get("average_days_in_status").asDouble()).isEqualTo(3.0);
        assertThat(rows.get("contacted").get("budgets").size()).isZero();
        assertThat(rows.get("enrolled").get("count").asInt()).isZero();
        assertThat(rows.get("enrolled").get("average_days_in_status").isNull()).isTrue();
    }

    @Test
    void aCounselorSeesOnlyTheirOwnLeadsInTheSummary() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID theirs = createLead(org.adminToken(), Map.of("budget_max", 200));
        assign(org, theirs, counselor.id());
        createLead(org.adminToken(), Map.of("budget_max", 700));

        JsonNode summary = api.get("/api/v1/pipeline/summary", counselor.token()).expect(200).data();

        assertThat(summary.get("total_leads").asInt()).isOne();
        assertThat(byCode(summary).get("new").get("budgets").get(0).get("total").decimalValue())
                .isEqualByComparingTo("200");
        assertThat(api.get("/api/v1/pipeline/summary", org.adminToken()).expect(200).data().get("total_leads").asInt())
                .isEqualTo(2);
    }

    @Test
    void theSummaryNeedsLeadsRead() {
        Org org = registerOrganization();
        api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "outsider", "name", "Outsider",
                "data_scope", "all", "permissions", java.util.List.of("catalog:read"))).expect(201);
        TestUser outsider = userWithRole(org, "outsider");

        api.get("/api/v1/pipeline/summary", outsider.token()).expect(403);
        api.get("/api/v1/pipeline/summary", null).expect(401);
        assertThat(api.get("/api/v1/pipeline/summary", reader(org).token()).expect(200).data().get("total_leads")
                .asInt()).isZero();
    }
}
