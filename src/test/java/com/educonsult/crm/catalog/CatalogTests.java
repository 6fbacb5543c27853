package com.educonsult.crm.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CatalogTests extends ApiTest {

    private CatalogFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new CatalogFixtures(api, db, tenancy);
    }

    @Test
    void countriesAreTheIsoListWithPhoneCodesCurrenciesAndFlags() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        var all = api.get("/api/v1/catalog/countries", agent.token()).expect(200);
        assertThat(all.data().size()).isGreaterThanOrEqualTo(240);
        assertThat(all.body().get("meta").get("total").asInt()).isEqualTo(all.data().size());
        JsonNode gb = api.get("/api/v1/catalog/countries/gb", agent.token()).expect(200).data();
        assertThat(gb.get("code").asString()).isEqualTo("GB");
        assertThat(gb.get("name").asString()).isEqualTo("United Kingdom");
        assertThat(gb.get("phone_code").asString()).isEqualTo("+44");
        assertThat(gb.get("currency").asString()).isEqualTo("GBP");
        assertThat(gb.get("flag").asString()).isEqualTo("\uD83C\uDDEC\uD83C\uDDE7");
        assertThat(gb.get("study_destination").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/catalog/countries/IN", agent.token()).expect(200).data().get("phone_code").asString())
                .isEqualTo("+91");

        List<String> destinations = codes(api.get("/api/v1/catalog/countries?destinations_only=true", agent.token())
                .expect(200).data());
        assertThat(destinations).contains("GB", "US", "CA", "AU", "DE", "IE", "NZ", "IN").doesNotContain("AQ");
        assertThat(codes(api.get("/api/v1/catalog/countries?search=zeal", agent.token()).expect(200).data()))
                .containsExactly("NZ");
        api.get("/api/v1/catalog/countries/XX", agent.token()).expect(404);
        api.get("/api/v1/catalog/countries", null).expect(401);
    }

    @Test
    void aNewOrganizationStartsWithASmallCatalogueInSixCountries() {
        Org org = registerOrganization();

        var institutions = api.get("/api/v1/catalog/institutions?limit=200", org.adminToken()).expect(200).data();
        List<String> countries = new ArrayList<>();
        institutions.forEach(i -> countries.add(i.get("country_code").asString()));
        assertThat(countries).contains("GB", "CA", "AU", "US", "DE", "IN");
        institutions.forEach(i -> assertThat(i.get("course_count").asInt()).isBetween(2, 3));

        var ukCourses = api.get("/api/v1/catalog/courses?country=United%20Kingdom", org.adminToken()).expect(200).data();
        assertThat(ukCourses.size()).isGreaterThanOrEqualTo(2);
        ukCourses.forEach(c -> {
            assertThat(c.get("currency").asString()).isEqualTo("GBP");
            assertThat(c.get("intakes").size()).isPositive();
            assertThat(c.get("institution").get("country_code").asString()).isEqualTo("GB");
        });
        assertThat(fixtures.auditActions(org, org.id())).contains("catalog.seeded");
    }

    @Test
    void anAdminCreatesReadsListsChangesAndDeletesInstitutionsAndCourses() {
        Org org = registerOrganization();

        var created = api.post("/api/v1/catalog/institutions", org.adminToken(), Map.of("name", "University of Otago",
                "country_code", "nz", "city", "Dunedin", "type", "university", "ranking", 214,
                "website", "https://www.otago.ac.nz", "is_partner", true)).expect(201).data();
        UUID institution = UUID.fromString(created.get("id").asString());
        assertThat(created.get("country_code").asString()).isEqualTo("NZ");
        assertThat(created.get("country_name").asString()).isEqualTo("New Zealand");
        assertThat(created.get("is_partner").asBoolean()).isTrue();
        assertThat(created.get("course_count").asInt()).isZero();

        var course = api.post("/api/v1/catalog/courses", org.adminToken(), Map.of("institution_id", institution.toString(),
                "name", "Master of Dietetics", "level", "master", "field", "Health", "duration_months", 24,
                "fee", 41500.50, "intakes", List.of("Feb 2027", "Jul 2027"), "requirements", "Bachelor in nutrition",
                "application_deadline", "2026-11-30")).expect(201).data();
        UUID courseId = UUID.fromString(course.get("id").asString());
        assertThat(course.get("currency").asString()).as("the institution country's currency").isEqualTo("NZD");
        assertThat(course.get("fee").decimalValue()).isEqualByComparingTo("41500.50");
        assertThat(course.get("institution").get("name").asString()).isEqualTo("University of Otago");
        assertThat(course.get("application_deadline").asString()).isEqualTo("2026-11-30");

        assertThat(api.get("/api/v1/catalog/institutions/" + institution, org.adminToken()).expect(200).data()
                .get("course_count").asInt()).isEqualTo(1);
        var changed = api.patch("/api/v1/catalog/courses/" + courseId, org.adminToken(), Map.of("fee", 43000,
                "currency", "usd", "intakes", List.of("Feb 2028"), "active", false)).expect(200).data();
        assertThat(changed.get("currency").asString()).isEqualTo("USD");
        assertThat(changed.get("active").asBoolean()).isFalse();
        assertThat(changed.get("intakes").get(0).asString()).isEqualTo("Feb 2028");
        assertThat(changed.get("name").asString()).isEqualTo("Master of Dietetics");
        var renamed = api.patch("/api/v1/catalog/institutions/" + institution, org.adminToken(),
                Map.of("name", "Otago University", "city", "")).expect(200).data();
        assertThat(renamed.get("name").asString()).isEqualTo("Otago University");
        assertThat(renamed.get("city").isNull()).isTrue();
        assertThat(renamed.get("website").asString()).isEqualTo("https://www.otago.ac.nz");

        assertThat(api.delete("/api/v1/catalog/institutions/" + institution, org.adminToken()).expect(409).errorField())
                .isEqualTo("id");
        api.delete("/api/v1/catalog/courses/" + courseId, org.adminToken()).expect(200);
        api.get("/api/v1/catalog/courses/" + courseId, org.adminToken()).expect(404);
        api.delete("/api/v1/catalog/institutions/" + institution, org.adminToken()).expect(200);
        api.get("/api/v1/catalog/institutions/" + institution, org.adminToken()).expect(404);

        assertThat(fixtures.auditActions(org, institution))
                .containsExactly("institution.created", "institution.updated", "institution.deleted");
        assertThat(fixtures.auditActions(org, courseId))
                .containsExactly("course.created", "course.updated", "course.deleted");
    }

    @Test
    void coursesAreFilteredByCountryInstitutionLevelFeeIntakePartnerAndText() {
        Org org = registerOrganization();
        UUID partner = fixtures.institution(org, "Zephyr Partner College", "NZ", Map.of("is_partner", true, "type", "college"));
        UUID other = fixtures.institution(org, "Zephyr Institute", "NZ", Map.of("type", "institute"));
        fixtures.course(org, partner, "Zephyr Diploma in Cookery", "diploma",
                Map.of("fee", 18000, "intakes", List.of("Feb 2027"), "field", "Hospitality"));
        fixtures.course(org, partner, "Zephyr Master of Nursing", "master",
                Map.of("fee", 42000, "intakes", List.of("Jul 2027")));
        fixtures.course(org, other, "Zephyr Bachelor of Design", "bachelor",
                Map.of("fee", 30000, "currency", "AUD", "intakes", List.of("Feb 2027", "Jul 2027")));

        assertThat(names("country=NZ", org)).hasSize(3);
        assertThat(names("country=NZ&level=&intake=&search=%20", org)).as("empty filters are no filters").hasSize(3);
        assertThat(names("country=new%20zealand&level=master", org)).containsExactly("Zephyr Master of Nursing");
        assertThat(names("institution_id=" + other, org)).containsExactly("Zephyr Bachelor of Design");
        assertThat(names("country=NZ&fee_min=20000&fee_max=40000", org)).containsExactly("Zephyr Bachelor of Design");
        assertThat(names("country=NZ&fee_max=40000&currency=nzd", org)).containsExactly("Zephyr Diploma in Cookery");
        assertThat(names("country=NZ&intake=feb%202027", org))
                .containsExactlyInAnyOrder("Zephyr Diploma in Cookery", "Zephyr Bachelor of Design");
        assertThat(names("partner_only=true", org)).containsExactlyInAnyOrder("Zephyr Diploma in Cookery",
                "Zephyr Master of Nursing");
        assertThat(names("search=hospitality", org)).containsExactly("Zephyr Diploma in Cookery");
        assertThat(names("search=zephyr%20institute", org)).containsExactly("Zephyr Bachelor of Design");
        assertThat(names("search=100%25", org)).isEmpty();

        var page = api.get("/api/v1/catalog/courses?country=NZ&limit=2&offset=2", org.adminToken()).expect(200);
        assertThat(page.data().size()).isEqualTo(1);
        assertThat(page.body().get("meta").get("total").asInt()).isEqualTo(3);

        var institutions = api.get("/api/v1/catalog/institutions?country=NZ&partner_only=true", org.adminToken())
                .expect(200).data();
        assertThat(institutions.size()).isEqualTo(1);
        assertThat(institutions.get(0).get("course_count").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/catalog/institutions?type=institute&search=zephyr", org.adminToken())
                .expect(200).data().size()).isEqualTo(1);
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        Org org = registerOrganization();

        assertThat(api.get("/api/v1/catalog/courses?level=grade", org.adminToken()).expect(422).errorField()).isEqualTo("level");
        assertThat(api.get("/api/v1/catalog/courses?country=Atlantis", org.adminToken()).expect(422).errorField())
                .isEqualTo("country");
        assertThat(api.get("/api/v1/catalog/courses?fee_min=10&fee_max=5", org.adminToken()).expect(422).errorField())
                .isEqualTo("fee_max");
        assertThat(api.get("/api/v1/catalog/courses?fee_min=cheap", org.adminToken()).expect(400).errorField())
                .isEqualTo("fee_min");
        assertThat(api.get("/api/v1/catalog/courses?institution_id=nope", org.adminToken()).expect(400).errorField())
                .isEqualTo("institution_id");
        assertThat(api.get("/api/v1/catalog/institutions?type=castle", org.adminToken()).expect(422).errorField())
                .isEqualTo("type");
        assertThat(api.get("/api/v1/catalog/courses?limit=500", org.adminToken()).expect(400).errorField()).isEqualTo("limit");
    }

    @Test
    void invalidInstitutionsAndCoursesAreRefusedNamingTheField() {
        Org org = registerOrganization();
        UUID institution = fixtures.institution(org, "Valid University", "IE");
        UUID course = fixtures.course(org, institution, "MSc Valid", "master", Map.of());
        UUID foreignInstitution = fixtures.institution(registerOrganization(), "Theirs", "IE");

        assertThat(postInstitution(org, Map.of("country_code", "IE")).expect(422).errorField()).isEqualTo("name");
        assertThat(postInstitution(org, Map.of("name", "X", "country_code", "ZZ")).expect(422).errorField())
                .isEqualTo("country_code");
        assertThat(postInstitution(org, Map.of("name", "X", "country_code", "IRL")).expect(422).errorField())
                .isEqualTo("country_code");
        assertThat(postInstitution(org, Map.of("name", "X", "country_code", "IE", "type", "castle")).expect(422)
                .errorField()).isEqualTo("type");
        assertThat(postInstitution(org, Map.of("name", "X", "country_code", "IE", "ranking", 0)).expect(422)
                .errorField()).isEqualTo("ranking");
        assertThat(postInstitution(org, Map.of("name", "X", "country_code", "IE", "website", "javascript:alert(1)"))
                .expect(422).errorField()).isEqualTo("website");
        assertThat(postInstitution(org, Map.of("name", "valid UNIVERSITY", "country_code", "ie")).expect(409)
                .errorField()).isEqualTo("name");
        assertThat(api.patch("/api/v1/catalog/institutions/" + institution, org.adminToken(), Map.of("name", " "))
                .expect(422).errorField()).isEqualTo("name");

        assertThat(postCourse(org, Map.of("name", "C", "level", "master")).expect(422).errorField())
                .isEqualTo("institution_id");
        assertThat(postCourse(org, Map.of("institution_id", foreignInstitution.toString(), "name", "C", "level", "master"))
                .expect(422).errorField()).isEqualTo("institution_id");
        assertThat(postCourse(org, Map.of("institution_id", institution.toString(), "name", "C", "level", "grade"))
                .expect(422).errorField()).isEqualTo("level");
        assertThat(postCourse(org, Map.of("institution_id", institution.toString(), "name", "C", "level", "master",
                "fee", -1)).expect(422).errorField()).isEqualTo("fee");
        assertThat(postCourse(org, Map.of("institution_id", institution.toString(), "name", "C", "level", "master",
                "currency", "QQQ")).expect(422).errorField()).isEqualTo("currency");
        assertThat(postCourse(org, Map.of("institution_id", institution.toString(), "name", "C", "level", "master",
                "duration_months", 0)).expect(422).errorField()).isEqualTo("duration_months");
        assertThat(postCourse(org, Map.of("institution_id", institution.toString(), "name", "C", "level", "master",
                "intakes", List.of(" "))).expect(422).errorField()).startsWith("intakes");
        assertThat(postCourse(org, Map.of("institution_id", institution.toString(), "name", "msc valid", "level", "master"))
                .expect(409).errorField()).isEqualTo("name");
        assertThat(api.patch("/api/v1/catalog/courses/" + course, org.adminToken(),
                Map.of("institution_id", foreignInstitution.toString())).expect(422).errorField()).isEqualTo("institution_id");
    }

    @Test
    void malformedJsonOrWrongTypesAreABadRequest() {
        Org org = registerOrganization();
        UUID institution = fixtures.institution(org, "Typed University", "FR");
        UUID course = fixtures.course(org, institution, "MSc Typed", "master", Map.of());

        api.raw("POST", "/api/v1/catalog/institutions", org.adminToken(), "application/json", "{").expect(400);
        api.raw("PATCH", "/api/v1/catalog/courses/" + course, org.adminToken(), "application/json", "{]").expect(400);
        assertThat(postInstitution(org, Map.of("name", "X", "country_code", "FR", "ranking", "first")).expect(400)
                .errorField()).isEqualTo("ranking");
        assertThat(postCourse(org, Map.of("institution_id", "not-a-uuid", "name", "C", "level", "master")).expect(400)
                .errorField()).isEqualTo("institution_id");
        assertThat(postCourse(org, Map.of("institution_id", institution.toString(), "name", "C", "level", "master",
                "fee", "expensive")).expect(400).errorField()).isEqualTo("fee");
        assertThat(postCourse(org, Map.of("institution_id", institution.toString(), "name", "C", "level", "master",
                "application_deadline", "31/12/2026")).expect(400).errorField()).isEqualTo("application_deadline");
        assertThat(api.patch("/api/v1/catalog/courses/" + course, org.adminToken(), Map.of("intakes", Map.of("a", 1)))
                .expect(400).errorField()).isEqualTo("intakes");
        api.get("/api/v1/catalog/courses/not-a-uuid", org.adminToken()).expect(400);
    }

    @Test
    void anAgentMayReadTheCatalogueButNotChangeIt() {
        Org org = registerOrganization();
        UUID institution = fixtures.institution(org, "Read Only University", "SG");
        UUID course = fixtures.course(org, institution, "BSc Read", "bachelor", Map.of());
        TestUser agent = userWithRole(org, "agent");

        api.get("/api/v1/catalog/institutions", agent.token()).expect(200);
        api.get("/api/v1/catalog/institutions/" + institution, agent.token()).expect(200);
        api.get("/api/v1/catalog/courses", agent.token()).expect(200);
        api.get("/api/v1/catalog/courses/" + course, agent.token()).expect(200);
        api.post("/api/v1/catalog/institutions", agent.token(), Map.of("name", "Mine", "country_code", "SG")).expect(403);
        api.patch("/api/v1/catalog/institutions/" + institution, agent.token(), Map.of("name", "Mine")).expect(403);
        api.delete("/api/v1/catalog/institutions/" + institution, agent.token()).expect(403);
        api.post("/api/v1/catalog/courses", agent.token(), Map.of("institution_id", institution.toString(),
                "name", "Mine", "level", "other")).expect(403);
        api.patch("/api/v1/catalog/courses/" + course, agent.token(), Map.of("name", "Mine")).expect(403);
        api.delete("/api/v1/catalog/courses/" + course, agent.token()).expect(403);
    }

    @Test
    void anotherOrganizationsInstitutionsAndCoursesAreNotFoundWithNoData() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID institution = fixtures.institution(other, "Secret University", "JP");
        UUID course = fixtures.course(other, institution, "MSc Secret", "master", Map.of());

        var read = api.get("/api/v1/catalog/institutions/" + institution, org.adminToken()).expect(404);
        assertThat(read.body().has("data")).isFalse();
        api.patch("/api/v1/catalog/institutions/" + institution, org.adminToken(), Map.of("name", "Ours")).expect(404);
        api.delete("/api/v1/catalog/institutions/" + institution, org.adminToken()).expect(404);
        assertThat(api.get("/api/v1/catalog/courses/" + course, org.adminToken()).expect(404).body().has("data")).isFalse();
        api.patch("/api/v1/catalog/courses/" + course, org.adminToken(), Map.of("name", "Ours")).expect(404);
        api.delete("/api/v1/catalog/courses/" + course, org.adminToken()).expect(404);
        assertThat(names("search=secret", org)).isEmpty();
        assertThat(api.get("/api/v1/catalog/institutions?country=JP", org.adminToken()).expect(200).data().size()).isZero();
        assertThat(api.get("/api/v1/catalog/courses/" + course, other.adminToken()).expect(200).data()
                .get("name").asString()).isEqualTo("MSc Secret");
    }

    private Response postInstitution(Org org, Map<String, Object> body) {
        return api.post("/api/v1/catalog/institutions", org.adminToken(), body);
    }

    private Response postCourse(Org org, Map<String, Object> body) {
        return api.post("/api/v1/catalog/courses", org.adminToken(), body);
    }

    private List<String> names(String query, Org org) {
        List<String> names = new ArrayList<>();
        api.get("/api/v1/catalog/courses?" + query, org.adminToken()).expect(200).data()
                .forEach(c -> names.add(c.get("name").asString()));
        return names;
    }

    private static List<String> codes(JsonNode countries) {
        List<String> codes = new ArrayList<>();
        countries.forEach(c -> codes.add(c.get("code").asString()));
        return codes;
    }
}
