package com.educonsult.crm.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrganizationSettingsTests extends AdminApiTest {

    @Test
    void theOrganizationShowsItsSettingsPlanAndQuota() {
        Org org = registerOrganization();

        var organization = api.get("/api/v1/organization", org.adminToken()).expect(200).data();

        assertThat(organization.get("id").asString()).isEqualTo(org.id().toString());
        assertThat(organization.get("slug").asString()).isEqualTo(org.slug());
        assertThat(organization.get("time_zone").asString()).isEqualTo("Asia/Kolkata");
        assertThat(organization.get("subscription_plan").asString()).isEqualTo("trial");
        assertThat(organization.get("storage_quota_bytes").asLong()).isPositive();
    }

    @Test
    void anAdminChangesTheSettingsAndTheChangeIsAudited() {
        Org org = registerOrganization();
        Org other = registerOrganization();

        var changed = api.patch("/api/v1/organization", org.adminToken(), Map.ofEntries(
                Map.entry("name", "Renamed Consultancy"), Map.entry("website", "https://example.test"),
                Map.entry("city", "London"), Map.entry("country", "GB"), Map.entry("phone", "020 7946 0958"),
                Map.entry("time_zone", "Europe/London"), Map.entry("currency", "GBP"),
                Map.entry("recording_retention_days", 365), Map.entry("settings", Map.of("lead_prefix", "LD"))))
                .expect(200).data();
        var planChange = api.patch("/api/v1/organization", org.adminToken(), Map.of("subscription_plan", "enterprise"));

        assertThat(changed.get("name").asString()).isEqualTo("Renamed Consultancy");
        assertThat(changed.get("phone").asString()).isEqualTo("+442079460958");
        assertThat(changed.get("currency").asString()).isEqualTo("GBP");
        assertThat(changed.get("recording_retention_days").asInt()).isEqualTo(365);
        assertThat(changed.get("settings").get("lead_prefix").asString()).isEqualTo("LD");
        assertThat(planChange.expect(422).errorField()).isEqualTo("subscription_plan");
        assertThat(api.get("/api/v1/organization", org.adminToken()).expect(200).data().get("subscription_plan")
                .asString()).isEqualTo("trial");
        assertThat(api.get("/api/v1/organization", other.adminToken()).expect(200).data().get("name").asString())
                .isNotEqualTo("Renamed Consultancy");
        assertThat(auditActions(org, org.id())).contains("organization.updated");
    }

    @Test
    void invalidSettingsAreRefusedNamingTheField() {
        Org org = registerOrganization();

        assertThat(field(Map.of("time_zone", "Mars/Olympus"))).isEqualTo("time_zone");
        assertThat(field(Map.of("currency", "XYZ"))).isEqualTo("currency");
        assertThat(field(Map.of("currency", "RUPEES"))).isEqualTo("currency");
        assertThat(field(Map.of("country", "ZZ"))).isEqualTo("country");
        assertThat(field(Map.of("recording_retention_days", 0))).isEqualTo("recording_retention_days");
        assertThat(field(Map.of("recording_retention_days", 3651))).isEqualTo("recording_retention_days");
        assertThat(field(Map.of("website", "javascript:alert(1)"))).isEqualTo("website");
        assertThat(field(Map.of("name", " "))).isEqualTo("name");
    }

    @Test
    void malformedJsonOrWrongTypesAreABadRequest() {
        Org org = registerOrganization();

        api.raw("PATCH", "/api/v1/organization", org.adminToken(), "application/json", "{\"name\"").expect(400);
        assertThat(api.patch("/api/v1/organization", org.adminToken(), Map.of("settings", List.of(1)))
                .expect(400).errorField()).isEqualTo("settings");
        assertThat(api.patch("/api/v1/organization", org.adminToken(), Map.of("recording_retention_days", "many"))
                .expect(400).errorField()).isEqualTo("recording_retention_days");
    }

    @Test
    void anAgentMayReadTheOrganizationButNotChangeIt() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        TestUser manager = userWithRole(org, "manager");

        api.get("/api/v1/organization", agent.token()).expect(200);
        api.patch("/api/v1/organization", agent.token(), Map.of("name", "Mine")).expect(403);
        api.patch("/api/v1/organization", manager.token(), Map.of("name", "Mine")).expect(403);
    }

    private Org current;

    private String field(Map<String, Object> body) {
        if (current == null) {
            current = registerOrganization();
        }
        return api.patch("/api/v1/organization", current.adminToken(), body).expect(422).errorField();
    }
}
