package com.educonsult.crm.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MobileCatalogTests extends ApiTest {

    private CatalogFixtures catalog;

    @BeforeEach
    void fixtures() {
        catalog = new CatalogFixtures(api, db, tenancy);
    }

    @Test
    void coursesAreListedInTheAppsNamesWithCanonicalFilters() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID toronto = catalog.institution(org, "Maple University", "CA", Map.of("city", "Toronto", "is_partner", true));
        UUID course = catalog.course(org, toronto, "MSc Data Science", "master", Map.of("fee", 30000,
                "currency", "CAD", "intakes", List.of("Fall"), "duration_months", 24));
        catalog.course(org, toronto, "BSc Biology", "bachelor", Map.of("fee", 20000, "currency", "CAD"));

        var response = api.get("/api/v1/courses?level=master&fee_max=40000&search=Maple", agent.token()).expect(200);

        assertThat(response.body().get("status").asBoolean()).isTrue();
        assertThat(response.data().size()).isEqualTo(1);
        var found = response.data().get(0);
        assertThat(found.get("id").asString()).isEqualTo(course.toString());
        assertThat(found.get("tuitionFee").decimalValue()).isEqualByComparingTo("30000");
        assertThat(found.get("durationMonths").asInt()).isEqualTo(24);
        assertThat(found.get("isActive").asBoolean()).isTrue();
        assertThat(found.get("intakes").toString()).isEqualTo("[\"Fall\"]");
        assertThat(found.get("institution").toString()).isEqualTo("{\"id\":\"" + toronto + "\",\"name\":"
                + "\"Maple University\",\"country\":\"CA\",\"countryName\":\"Canada\",\"city\":\"Toronto\","
                + "\"isPartner\":true,\"ranking\":null}");
        assertThat(api.get("/api/v1/courses/" + course, agent.token()).expect(200).data()).isEqualTo(found);
    }

    @Test
    void anotherOrganizationsCourseOrInstitutionIsNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID institution = catalog.institution(other, "Hidden College", "GB");
        UUID course = catalog.course(other, institution, "MA History", "master", Map.of());

        var response = api.get("/api/v1/courses/" + course, org.adminToken()).expect(404);

        assertThat(response.body().get("status").asBoolean(true)).isFalse();
        api.get("/api/v1/institutions/" + institution, org.adminToken()).expect(404);
        assertThat(api.get("/api/v1/institutions", org.adminToken()).raw()).doesNotContain("Hidden College");
    }

    @Test
    void institutionsAreListedAndShownInTheAppsNames() {
        Org org = registerOrganization();
        UUID institution = catalog.institution(org, "Harbour Institute", "AU", Map.of("city", "Sydney",
                "type", "university", "ranking", 120));

        var list = api.get("/api/v1/institutions?country=AU&search=Harbour", org.adminToken()).expect(200);
        var one = api.get("/api/v1/institutions/" + institution, org.adminToken()).expect(200);

        assertThat(list.data().size()).isEqualTo(1);
        assertThat(list.data().get(0)).isEqualTo(one.data());
        assertThat(one.data().get("name").asString()).isEqualTo("Harbour Institute");
        assertThat(one.data().get("country").asString()).isEqualTo("AU");
        assertThat(one.data().get("countryName").asString()).isEqualTo("Australia");
        assertThat(one.data().get("ranking").asInt()).isEqualTo(120);
        assertThat(one.data().get("courseCount").asInt()).isZero();
        assertThat(one.data().get("isPartner").asBoolean(true)).isFalse();
    }

    @Test
    void countriesAreListedWithPhoneCodesAndFlags() {
        Org org = registerOrganization();

        var response = api.get("/api/v1/countries?search=india", org.adminToken()).expect(200);

        JsonNode india = null;
        for (JsonNode country : response.data()) {
            india = country.get("code").asString().equals("IN") ? country : india;
        }
        assertThat(india).isNotNull();
        assertThat(india.toString()).isEqualTo("{\"code\":\"IN\",\"name\":\"India\","
                + "\"phoneCode\":\"+91\",\"currency\":\"INR\",\"studyDestination\":true,"
                + "\"flag\":\"\uD83C\uDDEE\uD83C\uDDF3\"}");
    }

    @Test
    void wrongTypesAreBadRequests() {
        Org org = registerOrganization();

        assertThat(api.get("/api/v1/courses/not-a-uuid", org.adminToken()).expect(400).body().get("status")
                .asBoolean(true)).isFalse();
        api.get("/api/v1/courses?fee_min=cheap", org.adminToken()).expect(400);
        api.get("/api/v1/institutions/42", org.adminToken()).expect(400);
        api.get("/api/v1/courses?limit=1000", org.adminToken()).expect(400);
    }

    @Test
    void aRoleWithoutCatalogReadIsForbidden() {
        Org org = registerOrganization();
        catalog.revoke(org, "agent", "catalog:read");
        TestUser agent = userWithRole(org, "agent");

        assertThat(api.get("/api/v1/courses", agent.token()).expect(403).body().get("status").asBoolean(true))
                .isFalse();
        api.get("/api/v1/countries", agent.token()).expect(403);
    }
}
