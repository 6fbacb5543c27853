package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The canonical API refuses what it does not know; the Android app's routes stay tolerant of extra fields. */
class StrictInputTests extends ApiTest {

    @Test
    void anUnknownBodyFieldIsRefusedNamingIt() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/catalog/institutions", org.adminToken(),
                Map.of("name", "Unknown Field University", "tuition_fee", 1000));

        response.expect(422);
        assertThat(response.errorField()).isEqualTo("tuition_fee");
    }

    @Test
    void anUnknownFieldInsideAListIsNamedWithItsPath() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/calls/sync", org.adminToken(), Map.of("call_logs", List.of(
                Map.of("device_call_id", "d-1", "phone_number", "9876543210", "call_type", "incoming",
                        "duration", 10, "timestamp", "2026-01-05T10:00:00Z", "foo", 1))));

        response.expect(422);
        assertThat(response.errorField()).isEqualTo("call_logs[0].foo");
    }

    @Test
    void registeringAnOrganizationRefusesAnUnknownField() {
        String slug = unique("strict");

        var response = api.post("/api/v1/auth/register", null, Map.of("organization_name", "Strict " + slug,
                "organization_slug", slug, "first_name", "Ada", "email", "ada@" + slug + ".test",
                "password", PASSWORD, "favourite_colour", "blue"));

        response.expect(422);
        assertThat(response.errorField()).isEqualTo("favourite_colour");
    }

    @Test
    void theAppsRoutesIgnoreFieldsTheyDoNotUse() {
        Org org = registerOrganization();

        api.post("/api/v1/lead/getData", org.adminToken(), Map.of("page", 1, "appVersion", "3.2.1")).expect(200);
    }

    @Test
    void theAppsLeadSaveNeverTakesASnakeCaseFieldForItsCamelCaseTwin() {
        Org org = registerOrganization();

        var saved = api.post("/api/v1/lead/save", org.adminToken(), Map.of("leadDetails", Map.of(
                "firstName", "Camel", "first_name", "Snake", "lastName", "Case", "number", "+919876500011",
                "unusedByTheServer", true))).expect(200);

        assertThat(saved.data().get("firstName").asString()).isEqualTo("Camel");
    }

    @Test
    void anUnknownQueryParameterIsRefusedNamingIt() {
        Org org = registerOrganization();

        var response = api.get("/api/v1/leads?assigned_to=me&statuss=new", org.adminToken());

        response.expect(422);
        assertThat(response.errorField()).isEqualTo("statuss");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/leads?assigned_to=me&limit=10&offset=0", "/api/v1/tasks?limit=5",
            "/api/v1/admin/users?limit=5", "/api/v1/admin/audit-logs?limit=5"})
    void knownQueryParametersStillWork(String path) {
        Org org = registerOrganization();

        api.get(path, org.adminToken()).expect(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/calls?colour=red", "/api/v1/tasks?colour=red", "/api/v1/activities?colour=red",
            "/api/v1/imports?colour=red", "/api/v1/admin/users?colour=red", "/api/v1/admin/audit-logs?colour=red"})
    void everyListRefusesAnUnknownQueryParameter(String path) {
        Org org = registerOrganization();

        var response = api.get(path, org.adminToken());

        response.expect(422);
        assertThat(response.errorField()).isEqualTo("colour");
    }

    @Test
    void theAppsRoutesIgnoreUnknownQueryParameters() {
        Org org = registerOrganization();

        api.get("/api/v1/countries?appVersion=3", org.adminToken()).expect(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%20", "%20%20", "not-a-uuid", "%2F", "a%2Fb", "%00"})
    void anOddPathParameterIsABadRequestOrNotFound(String segment) {
        Org org = registerOrganization();

        for (String path : List.of("/api/v1/leads/", "/api/v1/admin/users/", "/api/v1/catalog/courses/")) {
            var response = api.get(path + segment, org.adminToken());
            assertThat(response.status()).as("GET %s%s: %s", path, segment, response.raw()).isIn(400, 404);
        }
    }

    @Test
    void aVeryLongPathParameterIsABadRequestOrNotFound() {
        Org org = registerOrganization();

        var response = api.get("/api/v1/leads/" + "x".repeat(300), org.adminToken());

        assertThat(response.status()).isIn(400, 404);
    }

    @Test
    void aBlankPathParameterIsNamed() {
        Org org = registerOrganization();

        var response = api.get("/api/v1/leads/%20", org.adminToken());

        response.expect(400);
        assertThat(response.errorField()).isEqualTo("id");
    }
}
