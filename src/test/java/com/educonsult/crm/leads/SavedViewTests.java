package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SavedViewTests extends LeadApiTest {

    @Test
    void aSavedViewKeepsItsFiltersAndColumnsForItsOwner() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        JsonNode saved = api.post("/api/v1/leads/views", counselor.token(), Map.of("name", "My hot leads",
                "filters", Map.of("priority", "hot", "assigned_to", "me"), "columns", List.of("name", "phone")))
                .expect(201).data();
        assertThat(saved.get("filters").get("priority").asString()).isEqualTo("hot");
        assertThat(saved.get("mine").asBoolean()).isTrue();

        JsonNode mine = api.get("/api/v1/leads/views", counselor.token()).expect(200).data();
        assertThat(mine).hasSize(1);
        assertThat(api.get("/api/v1/leads/views", org.adminToken()).expect(200).data()).isEmpty();
        api.get("/api/v1/leads/views/" + saved.get("id").asString(), org.adminToken()).expect(404);
    }

    @Test
    void aSharedViewIsOfferedToEveryoneAndOnlyManagersMayShare() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        api.post("/api/v1/leads/views", counselor.token(), Map.of("name", "Mine to all", "shared", true))
                .expect(422);
        String id = api.post("/api/v1/leads/views", org.adminToken(), Map.of("name", "New this month",
                "filters", Map.of("status", "new"), "shared", true)).expect(201).data().get("id").asString();

        JsonNode seen = api.get("/api/v1/leads/views", counselor.token()).expect(200).data();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("mine").asBoolean()).isFalse();
        api.delete("/api/v1/leads/views/" + id, counselor.token()).expect(403);
        api.delete("/api/v1/leads/views/" + id, org.adminToken()).expect(200);
        assertThat(api.get("/api/v1/leads/views", counselor.token()).expect(200).data()).isEmpty();
    }

    @Test
    void aViewWithAnUnknownFilterOrColumnIsRefusedNamingIt() {
        Org org = registerOrganization();
        var unknownFilter = api.post("/api/v1/leads/views", org.adminToken(),
                Map.of("name", "Odd", "filters", Map.of("colour", "red"))).expect(422);
        assertThat(unknownFilter.errorField()).isEqualTo("filters.colour");
        var badSort = api.post("/api/v1/leads/views", org.adminToken(),
                Map.of("name", "Odd", "filters", Map.of("sort", "shoe_size"))).expect(422);
        assertThat(badSort.errorField()).isEqualTo("sort");
        var badColumn = api.post("/api/v1/leads/views", org.adminToken(),
                Map.of("name", "Odd", "columns", List.of("name", "salary"))).expect(422);
        assertThat(badColumn.errorField()).isEqualTo("columns[1]");
        api.post("/api/v1/leads/views", org.adminToken(), Map.of("name", " ")).expect(422);
    }

    @Test
    void anotherOrganizationsViewIsNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        String id = api.post("/api/v1/leads/views", other.adminToken(), Map.of("name", "Theirs", "shared", true))
                .expect(201).data().get("id").asString();
        api.get("/api/v1/leads/views/" + id, org.adminToken()).expect(404);
        api.delete("/api/v1/leads/views/" + id, org.adminToken()).expect(404);
        assertThat(api.get("/api/v1/leads/views", org.adminToken()).expect(200).data()).isEmpty();
    }
}
