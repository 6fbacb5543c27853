package com.educonsult.crm.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class IntegrationLogTests extends ApiTest {

    private static final String LOGS = "/api/v1/integration-logs";

    @Autowired
    IntegrationLog log;

    @Test
    void aClientsReportIsLoggedWithItsSecretsRedacted() {
        Org org = registerOrganization();
        Map<String, Object> report = new HashMap<>();
        report.put("type", "portal_feed");
        report.put("direction", "inbound");
        report.put("status", "success");
        report.put("endpoint", "https://portal.example/leads?token=abc123");
        report.put("method", "POST");
        report.put("http_status", 200);
        report.put("duration_ms", 85);
        report.put("request_body", "{\"name\":\"Asha\",\"api_key\":\"k-999\"}");
        report.put("records_created", 1);

        JsonNode logged = api.post(LOGS, org.adminToken(), report).expect(201).data();

        assertThat(logged.get("type").asString()).isEqualTo("portal_feed");
        assertThat(logged.get("endpoint").asString()).isEqualTo("https://portal.example/leads?token=[redacted]");
        assertThat(logged.get("request_body").asString()).contains("Asha").doesNotContain("k-999");
        assertThat(logged.get("reported_by").asString()).isEqualTo(org.adminId().toString());
        JsonNode listed = api.get(LOGS + "?type=portal_feed", org.adminToken()).expect(200).data();
        assertThat(listed).hasSize(1);
    }

    @Test
    void theLogIsFilteredByDirectionOutcomeAndLeadNewestFirst() {
        Org org = registerOrganization();
        UUID lead = UUID.fromString(api.post("/api/v1/leads", org.adminToken(),
                Map.of("first_name", "Asha", "phone", "+919812300001")).expect(201).data().get("id").asString());
        log.record(org.id(), IntegrationLog.Entry.outbound(IntegrationType.FACEBOOK, "GET", "https://graph/1")
                .answered(500, "{\"error\":\"boom\"}", 40).failed("Graph answered 500"));
        log.record(org.id(), IntegrationLog.Entry.inbound(IntegrationType.WEBSITE_FORMS, "/webhooks/forms/k", "{}")
                .answered(200, "{}", 5).created(lead, 1));

        JsonNode failures = api.get(LOGS + "?status=failure", org.adminToken()).expect(200).data();
        JsonNode inbound = api.get(LOGS + "?direction=inbound&lead_id=" + lead, org.adminToken()).expect(200).data();
        JsonNode all = api.get(LOGS, org.adminToken()).expect(200).data();

        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).get("error").asString()).isEqualTo("Graph answered 500");
        assertThat(inbound).hasSize(1);
        assertThat(inbound.get(0).get("records_created").asInt()).isEqualTo(1);
        assertThat(all.findValuesAsString("direction")).containsExactly("inbound", "outbound");
    }

    @Test
    void badFiltersAndReportsAreRefusedNamingTheField() {
        Org org = registerOrganization();

        assertThat(api.get(LOGS + "?direction=sideways", org.adminToken()).expect(422).errorField())
                .isEqualTo("direction");
        OffsetDateTime now = OffsetDateTime.now();
        assertThat(api.get(LOGS + "?from=" + now + "&to=" + now.minusDays(1), org.adminToken()).expect(422)
                .errorField()).isEqualTo("from");
        assertThat(api.post(LOGS, org.adminToken(), Map.of("type", "Bad Type", "direction", "inbound",
                "status", "success")).expect(422).errorField()).isEqualTo("type");
    }

    @Test
    void anotherOrganizationsLogAndLeadsAreNotFound() {
        Org first = registerOrganization();
        Org second = registerOrganization();
        UUID id = log.record(first.id(), IntegrationLog.Entry.inbound(IntegrationType.FACEBOOK, "/webhooks/facebook",
                "{}").answered(200, null, 3));
        String leadOfFirst = api.post("/api/v1/leads", first.adminToken(), Map.of("first_name", "Ravi"))
                .expect(201).data().get("id").asString();

        api.get(LOGS + "/" + id, second.adminToken()).expect(404);
        assertThat(api.get(LOGS, second.adminToken()).expect(200).data()).isEmpty();
        api.post(LOGS, second.adminToken(), Map.of("type", "x", "direction", "inbound", "status", "success",
                "lead_id", leadOfFirst)).expect(404);
        api.get(LOGS + "/" + id, first.adminToken()).expect(200);
    }

    @Test
    void onlyThoseWhoManageSettingsReadTheLog() {
        Org org = registerOrganization();

        api.get(LOGS, userWithRole(org, "manager").token()).expect(403);
    }

    @Test
    void entriesOlderThanTheRetentionArePurged() {
        Org org = registerOrganization();
        UUID old = log.record(org.id(), IntegrationLog.Entry.inbound(IntegrationType.FACEBOOK, "/old", "{}"));
        UUID recent = log.record(org.id(), IntegrationLog.Entry.inbound(IntegrationType.FACEBOOK, "/new", "{}"));
        tenancy.runAs(org.id(), () -> db.execute("update integration_logs set created_at = now() - interval '31 days'"
                + " where id = ?", old));

        int purged = tenancy.callAs(org.id(), () -> log.purgeBefore(OffsetDateTime.now().minusDays(30)));

        assertThat(purged).isEqualTo(1);
        api.get(LOGS + "/" + old, org.adminToken()).expect(404);
        api.get(LOGS + "/" + recent, org.adminToken()).expect(200);
    }
}
