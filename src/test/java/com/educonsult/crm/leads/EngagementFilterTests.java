package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EngagementFilterTests extends LeadApiTest {

    private UUID lead(Org org, String name, String engagement) {
        UUID id = createLead(org.adminToken(), Map.of("first_name", name));
        tenancy.runAs(org.id(), () -> db.execute("update leads set engagement = ? where organization_id = ? and id = ?",
                engagement, org.id(), id));
        return id;
    }

    private static List<String> names(JsonNode leads) {
        List<String> names = new ArrayList<>();
        leads.forEach(lead -> names.add(lead.get("first_name").asString()));
        return names;
    }

    @Test
    void theLeadListAndItsExportFilterByEngagement() {
        Org org = registerOrganization();
        lead(org, "Hema", "hot");
        lead(org, "Ira", "inactive");
        lead(org, "Abhi", "active");
        lead(org, "Nina", "new");

        var hot = api.get("/api/v1/leads?engagement=hot", org.adminToken()).expect(200);
        assertThat(names(hot.data())).containsExactly("Hema");
        assertThat(hot.body().get("meta").get("total").asInt()).isOne();
        assertThat(names(api.get("/api/v1/leads?engagement=active,inactive&sort=name", org.adminToken()).expect(200)
                .data())).containsExactly("Abhi", "Ira");
        String csv = api.get("/api/v1/leads/export?format=csv&engagement=new", org.adminToken()).expect(200).raw();
        assertThat(csv.lines().count()).isEqualTo(2);
        assertThat(csv).contains("Nina").doesNotContain("Hema");
    }

    @Test
    void anUnknownEngagementIsRefusedNamingIt() {
        Org org = registerOrganization();

        assertThat(api.get("/api/v1/leads?engagement=warm", org.adminToken()).expect(422).errorField())
                .isEqualTo("engagement");
        assertThat(api.get("/api/v1/leads?engagement=hot,cold", org.adminToken()).expect(422).errorField())
                .isEqualTo("engagement");
        assertThat(api.get("/api/v1/leads/export?engagement=HOT", org.adminToken()).expect(422).errorField())
                .isEqualTo("engagement");
    }

    @Test
    void aCounselorFindsOnlyTheirOwnHotLeads() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        assign(org, lead(org, "Mine", "hot"), counselor.id());
        lead(org, "Theirs", "hot");

        assertThat(names(api.get("/api/v1/leads?engagement=hot", counselor.token()).expect(200).data()))
                .containsExactly("Mine");
        assertThat(api.get("/api/v1/leads?engagement=hot", org.adminToken()).expect(200).data().size()).isEqualTo(2);
    }

    @Test
    void filteringByEngagementNeedsLeadsRead() {
        Org org = registerOrganization();
        api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "outsider", "name", "Outsider",
                "data_scope", "all", "permissions", List.of("catalog:read"))).expect(201);

        api.get("/api/v1/leads?engagement=hot", userWithRole(org, "outsider").token()).expect(403);
    }
}
