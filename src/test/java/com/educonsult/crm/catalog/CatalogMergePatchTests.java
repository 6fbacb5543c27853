package com.educonsult.crm.catalog;

import static com.educonsult.crm.support.MergePatchChecks.assertCleared;
import static com.educonsult.crm.support.MergePatchChecks.assertRefusesNull;
import static com.educonsult.crm.support.MergePatchChecks.clear;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH of institutions and courses as JSON Merge Patch: absent stays, null clears, required fields refuse null. */
class CatalogMergePatchTests extends ApiTest {

    private CatalogFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new CatalogFixtures(api, db, tenancy);
    }

    @Test
    void nullClearsAnInstitutionsRankingAndTextsWhileAbsentFieldsStay() {
        Org org = registerOrganization();
        UUID id = fixtures.institution(org, "Leeds", "GB", Map.of("city", "Leeds", "ranking", 80,
                "website", "https://leeds.test", "description", "Red brick"));
        String path = "/api/v1/catalog/institutions/" + id;

        JsonNode changed = clear(api, path, org.adminToken(), "ranking", "city", "website");

        assertCleared(changed, "ranking", "city", "website");
        assertThat(changed.get("description").asString()).isEqualTo("Red brick");
        assertThat(changed.get("name").asString()).isEqualTo("Leeds");
        assertRefusesNull(api, path, org.adminToken(), "name", "country_code", "type", "is_partner", "active");
    }

    @Test
    void nullClearsACoursesFeeDeadlineAndIntakesWhileAbsentFieldsStay() {
        Org org = registerOrganization();
        UUID institution = fixtures.institution(org, "Leeds", "GB");
        UUID id = fixtures.course(org, institution, "MSc Data", "master", Map.of("fee", 25000,
                "duration_months", 12, "application_deadline", "2026-06-30", "intakes", List.of("Sep"),
                "field", "Data"));
        String path = "/api/v1/catalog/courses/" + id;

        JsonNode changed = clear(api, path, org.adminToken(), "fee", "application_deadline", "intakes",
                "duration_months");

        assertCleared(changed, "fee", "application_deadline", "duration_months");
        assertThat(changed.get("intakes").size()).isZero();
        assertThat(changed.get("field").asString()).isEqualTo("Data");
        assertRefusesNull(api, path, org.adminToken(), "institution_id", "name", "level", "currency", "active");
    }
}
