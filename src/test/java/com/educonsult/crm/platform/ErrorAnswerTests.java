package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Errors answer in the JSON envelope whatever the client accepts, and wrong JSON types name the field. */
class ErrorAnswerTests extends ApiTest {

    @Test
    void theEventStreamWithoutCredentialsIsA401InTheEnvelope() {
        var response = api.send(api.builder("/api/v1/events/stream", null).header("Accept", "text/event-stream").GET());

        response.expect(401);
        assertThat(response.http().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body().get("success").asBoolean()).isFalse();
    }

    @Test
    void theEventStreamWithoutThePermissionIsA403InTheEnvelope() {
        Org org = registerOrganization();
        api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "viewer", "name", "Viewer",
                "data_scope", "all", "permissions", List.of("leads:read"))).expect(201);
        TestUser viewer = userWithRole(org, "viewer");

        var response = api.send(api.builder("/api/v1/events/stream", viewer.token())
                .header("Accept", "text/event-stream").GET());

        response.expect(403);
        assertThat(response.body().get("success").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/event-stream", "text/html", "text/csv", "application/xml", "image/png"})
    void anErrorIsJsonWhateverTheClientAccepts(String accept) {
        Org org = registerOrganization();

        var notFound = api.send(api.builder("/api/v1/leads/" + java.util.UUID.randomUUID(), org.adminToken())
                .header("Accept", accept).GET());
        var unauthenticated = api.send(api.builder("/api/v1/leads", null).header("Accept", accept).GET());

        notFound.expect(404);
        assertThat(notFound.body().get("success").asBoolean()).isFalse();
        unauthenticated.expect(401);
        assertThat(unauthenticated.body().get("success").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"status_id", "assigned_to", "branch_id", "created_from", "created_to", "follow_up_date",
            "priority", "source", "tags", "search", "sort", "order", "page", "page_size"})
    void theAppsLeadListsRefuseAnArrayOrAnObjectWhereAValueBelongs(String field) {
        Org org = registerOrganization();

        for (String route : List.of("/api/v1/lead/getData", "/api/v1/lead/notContacted")) {
            for (Object wrong : List.of(List.of("x"), Map.of("id", "x"), List.of())) {
                var response = api.post(route, org.adminToken(), Map.of(field, wrong));
                assertThat(response.status()).as("%s %s=%s: %s", route, field, wrong, response.raw()).isEqualTo(400);
                assertThat(response.errorField()).isEqualTo(field);
            }
        }
    }

    @Test
    void aWrongTypeOnTheCanonicalApiNamesTheField() {
        Org org = registerOrganization();

        var response = api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", List.of("A"), "last_name", "B"));

        response.expect(400);
        assertThat(response.errorField()).isEqualTo("first_name");
    }
}
