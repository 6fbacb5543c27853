package com.educonsult.crm.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CourseMatchTests extends ApiTest {

    private CatalogFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new CatalogFixtures(api, db, tenancy);
    }

    @Test
    void coursesAreRankedForALeadWithScoresAndReasons() {
        Org org = registerOrganization();
        UUID otago = fixtures.institution(org, "University of Otago", "NZ");
        UUID auckland = fixtures.institution(org, "Auckland Institute of Studies", "NZ", Map.of("type", "institute"));
        fixtures.course(org, otago, "Master of Dietetics", "master",
                Map.of("fee", 45000, "intakes", List.of("Nov 2027")));
        fixtures.course(org, auckland, "Graduate Diploma in Dietetics", "diploma",
                Map.of("fee", 90000, "intakes", List.of("Jul 2027")));
        fixtures.course(org, auckland, "Diploma in Tourism", "diploma", Map.of("fee", 20000, "active", false));
        UUID lead = fixtures.lead(org, null, l -> {
            l.setInterestedCourses(new String[] {"Dietetics"});
            l.setPreferredCountries(new String[] {"New Zealand"});
            l.setPreferredInstitutions(new String[] {"Otago"});
            l.setBudgetMax(new BigDecimal("50000"));
            l.setBudgetCurrency("NZD");
            l.setIntakePreference("November 2027");
        });

        JsonNode data = api.get("/api/v1/leads/" + lead + "/course-matches", org.adminToken()).expect(200).data();

        assertThat(data.get("lead_id").asString()).isEqualTo(lead.toString());
        assertThat(data.get("criteria").get("country_codes").get(0).asString()).isEqualTo("NZ");
        JsonNode matches = data.get("matches");
        assertThat(names(matches)).containsExactly("Master of Dietetics", "Graduate Diploma in Dietetics");
        JsonNode best = matches.get(0);
        assertThat(best.get("score").asInt()).isEqualTo(100);
        assertThat(criteria(best)).containsExactly("interest", "country", "institution", "budget", "intake");
        assertThat(best.get("course").get("institution").get("name").asString()).isEqualTo("University of Otago");
        JsonNode aboveBudget = matches.get(1);
        assertThat(aboveBudget.get("score").asInt()).isEqualTo(CourseMatching.INTEREST + CourseMatching.COUNTRY);
        assertThat(aboveBudget.get("reasons").toString()).contains("above the budget");

        assertThat(api.get("/api/v1/leads/" + lead + "/course-matches?limit=1", org.adminToken()).expect(200)
                .data().get("matches").size()).isEqualTo(1);
    }

    @Test
    void aLeadWithOnlyACountryGetsTheSeededCoursesOfThatCountry() {
        Org org = registerOrganization();
        UUID lead = fixtures.lead(org, null, l -> l.setPreferredCountries(new String[] {"UK"}));

        JsonNode matches = api.get("/api/v1/leads/" + lead + "/course-matches", org.adminToken()).expect(200)
                .data().get("matches");

        assertThat(matches.size()).isPositive();
        matches.forEach(m -> assertThat(m.get("course").get("institution").get("country_code").asString()).isEqualTo("GB"));
    }

    @Test
    void anAgentGetsMatchesOnlyForLeadsAssignedToThem() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        TestUser counselor = userWithRole(org, "counselor");
        UUID theirs = fixtures.lead(org, agent.id(), l -> l.setInterestedCourses(new String[] {"MBA"}));
        UUID someoneElses = fixtures.lead(org, counselor.id(), l -> l.setInterestedCourses(new String[] {"MBA"}));

        assertThat(api.get("/api/v1/leads/" + theirs + "/course-matches", agent.token()).expect(200)
                .data().get("matches").size()).isPositive();
        var refused = api.get("/api/v1/leads/" + someoneElses + "/course-matches", agent.token()).expect(404);
        assertThat(refused.body().has("data")).isFalse();
        api.get("/api/v1/leads/" + theirs + "/course-matches", counselor.token()).expect(404);
        api.get("/api/v1/leads/" + someoneElses + "/course-matches", counselor.token()).expect(200);
    }

    @Test
    void anotherOrganizationsOrADeletedLeadIsNotFoundWithNoData() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreign = fixtures.lead(other, null, l -> l.setInterestedCourses(new String[] {"MBA"}));
        UUID deleted = fixtures.lead(org, null, l -> l.setDeletedAt(java.time.OffsetDateTime.now()));

        var response = api.get("/api/v1/leads/" + foreign + "/course-matches", org.adminToken()).expect(404);
        assertThat(response.body().has("data")).isFalse();
        api.get("/api/v1/leads/" + deleted + "/course-matches", org.adminToken()).expect(404);
        api.get("/api/v1/leads/" + UUID.randomUUID() + "/course-matches", org.adminToken()).expect(404);
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        Org org = registerOrganization();
        UUID lead = fixtures.lead(org, null, l -> { });

        assertThat(api.get("/api/v1/leads/" + lead + "/course-matches?limit=0", org.adminToken()).expect(422)
                .errorField()).isEqualTo("limit");
        assertThat(api.get("/api/v1/leads/" + lead + "/course-matches?limit=lots", org.adminToken()).expect(400)
                .errorField()).isEqualTo("limit");
        assertThat(api.get("/api/v1/leads/not-a-uuid/course-matches", org.adminToken()).expect(400).errorField())
                .isEqualTo("id");
    }

    @Test
    void matchingCoursesNeedsTheCatalogueReadPermission() {
        Org org = registerOrganization();
        fixtures.revoke(org, "agent", "catalog:read");
        TestUser agent = userWithRole(org, "agent");
        UUID lead = fixtures.lead(org, agent.id(), l -> { });

        api.get("/api/v1/leads/" + lead + "/course-matches", agent.token()).expect(403);
        api.get("/api/v1/catalog/courses", agent.token()).expect(403);
        api.get("/api/v1/leads/" + lead + "/course-matches", null).expect(401);
    }

    private static List<String> names(JsonNode matches) {
        List<String> names = new ArrayList<>();
        matches.forEach(m -> names.add(m.get("course").get("name").asString()));
        return names;
    }

    private static List<String> criteria(JsonNode match) {
        List<String> criteria = new ArrayList<>();
        match.get("reasons").forEach(r -> {
            if (r.get("points").asInt() > 0) {
                criteria.add(r.get("criterion").asString());
            }
        });
        return criteria;
    }
}
