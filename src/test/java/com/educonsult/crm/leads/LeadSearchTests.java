package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LeadSearchTests extends LeadApiTest {

    @Test
    void byPhoneFindsTheLeadWhateverTheFormatOfTheNumber() {
        Org org = registerOrganization();
        UUID id = createLead(org.adminToken(), "Riya", "+919876543210");
        UUID secondary = createLead(org.adminToken(), Map.of("first_name", "Dev", "secondary_phone", "9123456789"));

        for (String number : List.of("098765 43210", "+91 98765-43210", "9876543210", "+919876543210")) {
            JsonNode found = api.get("/api/v1/leads/by-phone/" + encode(number), org.adminToken()).expect(200).data();
            assertThat(found.size()).as(number).isOne();
            assertThat(found.get(0).get("id").asString()).isEqualTo(id.toString());
        }
        assertThat(api.get("/api/v1/leads/by-phone/09123456789", org.adminToken()).expect(200).data().get(0)
                .get("id").asString()).isEqualTo(secondary.toString());
        assertThat(api.get("/api/v1/leads/by-phone/12", org.adminToken()).expect(422).errorField()).isEqualTo("phone");
    }

    @Test
    void byPhoneStaysWithinTheCallersScope() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        createLead(org.adminToken(), "Riya", "9876543210");

        assertThat(api.get("/api/v1/leads/by-phone/9876543210", agent.token()).expect(200).data().size()).isZero();
    }

    @Test
    void searchFindsANameByFragmentAndByWordPrefix() {
        Org org = registerOrganization();
        UUID riya = createLead(org.adminToken(), Map.of("first_name", "Riyanshi", "last_name", "Kapoor"));
        createLead(org.adminToken(), Map.of("first_name", "Dev", "parent_name", "Sunita Rao"));

        assertThat(ids(api.get("/api/v1/leads?search=yansh", org.adminToken()).expect(200).data()))
                .containsExactly(riya.toString());
        assertThat(ids(api.get("/api/v1/leads?search=kap", org.adminToken()).expect(200).data()))
                .containsExactly(riya.toString());
        assertThat(api.get("/api/v1/leads?search=sunita", org.adminToken()).expect(200).data().size()).isOne();
        assertThat(api.get("/api/v1/leads?search=" + encode("riy kap"), org.adminToken()).expect(200).data().size())
                .isOne();
        assertThat(api.get("/api/v1/leads?search=" + encode("'&|!():*\\%_"), org.adminToken()).expect(200).data()
                .size()).isZero();
    }

    @Test
    void searchFindsAPhoneByItsDigits() {
        Org org = registerOrganization();
        UUID id = createLead(org.adminToken(), "Riya", "9876543210");
        createLead(org.adminToken(), "Dev", "9123400000");

        assertThat(ids(api.get("/api/v1/leads?search=65432", org.adminToken()).expect(200).data()))
                .containsExactly(id.toString());
        assertThat(ids(api.get("/api/v1/leads?search=" + encode("098765 43210"), org.adminToken()).expect(200).data()))
                .containsExactly(id.toString());
    }

    @Test
    void filtersNarrowTheList() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID hot = createLead(org.adminToken(), Map.of("first_name", "Hot", "priority", "hot", "source", "fair",
                "platform", "website", "tags", List.of("mba", "uk"), "next_follow_up_date", "2030-03-01T10:00:00Z"));
        UUID cold = createLead(org.adminToken(), Map.of("first_name", "Cold", "priority", "cold",
                "last_contact_date", "2025-01-01T10:00:00Z", "tags", List.of("usa")));
        assign(org, cold, agent.id());
        api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", cold, "status", "contacted"))
                .expect(200);

        assertThat(listIds(org, "priority=hot")).containsExactly(hot.toString());
        assertThat(listIds(org, "priority=hot,cold")).hasSize(2);
        assertThat(listIds(org, "source=fair&platform=website")).containsExactly(hot.toString());
        assertThat(listIds(org, "status=contacted")).containsExactly(cold.toString());
        assertThat(listIds(org, "status=" + statusId(org, "new"))).containsExactly(hot.toString());
        assertThat(listIds(org, "assigned_to=" + agent.id())).containsExactly(cold.toString());
        assertThat(listIds(org, "assigned_to=unassigned")).containsExactly(hot.toString());
        assertThat(listIds(org, "assigned_to=me")).isEmpty();
        assertThat(listIds(org, "tags=uk,usa")).hasSize(2);
        assertThat(listIds(org, "tags=mba")).containsExactly(hot.toString());
        assertThat(listIds(org, "not_contacted=true")).containsExactly(hot.toString());
        assertThat(listIds(org, "follow_up_from=2030-03-01&follow_up_to=2030-03-01")).containsExactly(hot.toString());
        assertThat(listIds(org, "created_from=2000-01-01")).hasSize(2);
        assertThat(listIds(org, "created_to=2000-01-01")).isEmpty();
        assertThat(listIds(org, "sort=name&order=asc")).containsExactly(cold.toString(), hot.toString());
        assertThat(listIds(org, "sort=priority")).containsExactly(hot.toString(), cold.toString());
        assertThat(listIds(org, "sort=next_follow_up_date&order=asc").getFirst()).isEqualTo(hot.toString());
        assertThat(listIds(org, "branch_id=" + UUID.randomUUID())).isEmpty();
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        Org org = registerOrganization();

        assertThat(api.get("/api/v1/leads?status=nowhere", org.adminToken()).expect(422).errorField()).isEqualTo("status");
        assertThat(api.get("/api/v1/leads?assigned_to=someone", org.adminToken()).expect(422).errorField())
                .isEqualTo("assigned_to");
        assertThat(api.get("/api/v1/leads?sort=colour", org.adminToken()).expect(422).errorField()).isEqualTo("sort");
        assertThat(api.get("/api/v1/leads?order=up", org.adminToken()).expect(422).errorField()).isEqualTo("order");
        assertThat(api.get("/api/v1/leads?created_from=yesterday", org.adminToken()).expect(422).errorField())
                .isEqualTo("created_from");
        assertThat(api.get("/api/v1/leads?limit=500", org.adminToken()).expect(400).errorField()).isEqualTo("limit");
        assertThat(api.get("/api/v1/leads?cursor=!!", org.adminToken()).expect(400).errorField()).isEqualTo("cursor");
        assertThat(api.get("/api/v1/leads?sort=name&cursor=abc", org.adminToken()).expect(422).errorField())
                .isEqualTo("cursor");
        assertThat(api.get("/api/v1/leads?not_contacted=maybe", org.adminToken()).expect(400).errorField())
                .isEqualTo("not_contacted");
    }

    @Test
    void cursorPagingWalksAllPagesWithoutRepeats() {
        Org org = registerOrganization();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(createLead(org.adminToken(), "Lead" + i, null).toString());
        }

        List<String> seen = new ArrayList<>();
        var page = api.get("/api/v1/leads?limit=3", org.adminToken()).expect(200);
        assertThat(page.body().get("meta").get("total").asLong()).isEqualTo(7);
        page.data().forEach(l -> seen.add(l.get("id").asString()));
        while (!page.body().get("meta").get("next_cursor").isNull()) {
            String cursor = page.body().get("meta").get("next_cursor").asString();
            page = api.get("/api/v1/leads?limit=3&cursor=" + cursor, org.adminToken()).expect(200);
            page.data().forEach(l -> seen.add(l.get("id").asString()));
        }

        assertThat(seen).doesNotHaveDuplicates().hasSize(7);
        assertThat(new HashSet<>(seen)).isEqualTo(created);
        assertThat(seen).isEqualTo(listIds(org, "limit=200"));
    }

    @Test
    void offsetPagingGivesTheTotal() {
        Org org = registerOrganization();
        for (int i = 0; i < 3; i++) {
            createLead(org.adminToken(), "Lead" + i, null);
        }

        var page = api.get("/api/v1/leads?limit=2&offset=2", org.adminToken()).expect(200);

        assertThat(page.data().size()).isOne();
        assertThat(page.body().get("meta").get("total").asLong()).isEqualTo(3);
        assertThat(page.body().get("meta").get("offset").asInt()).isEqualTo(2);
    }

    @Test
    void countsPerStatusAndTagsStayWithinTheCallersScope() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        UUID mine = createLead(org.adminToken(), Map.of("first_name", "Mine", "tags", List.of("mba", "uk")));
        createLead(org.adminToken(), Map.of("first_name", "Other", "tags", List.of("mba")));
        assign(org, mine, agent.id());

        JsonNode counts = api.get("/api/v1/leads/counts", org.adminToken()).expect(200).data();
        assertThat(counts.size()).isEqualTo(9);
        assertThat(counts.get(0).get("code").asString()).isEqualTo("new");
        assertThat(counts.get(0).get("count").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/leads/counts", agent.token()).expect(200).data().get(0).get("count").asLong())
                .isOne();

        JsonNode tags = api.get("/api/v1/leads/tags", org.adminToken()).expect(200).data();
        assertThat(tags.get(0).get("tag").asString()).isEqualTo("mba");
        assertThat(tags.get(0).get("count").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/leads/tags", agent.token()).expect(200).data().size()).isEqualTo(2);
    }

    @Test
    void unassignedNeedsTheAssignPermissionAndMyLeadsAreTheCallers() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID open = createLead(org.adminToken(), Map.of());
        UUID mine = createLead(counselor.token(), Map.of());

        assertThat(ids(api.get("/api/v1/leads/unassigned", org.adminToken()).expect(200).data()))
                .containsExactly(open.toString());
        api.get("/api/v1/leads/unassigned", counselor.token()).expect(403);
        assertThat(ids(api.get("/api/v1/leads/my-leads", counselor.token()).expect(200).data()))
                .containsExactly(mine.toString());
        assertThat(api.get("/api/v1/leads/my-leads", org.adminToken()).expect(200).data().size()).isZero();
    }

    @Test
    void anotherOrganizationsLeadsNeverAppear() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        createLead(other.adminToken(), Map.of("first_name", "Foreigner", "tags", List.of("x")));

        assertThat(api.get("/api/v1/leads?search=foreign", org.adminToken()).expect(200).data().size()).isZero();
        assertThat(api.get("/api/v1/leads/tags", org.adminToken()).expect(200).data().size()).isZero();
        assertThat(api.get("/api/v1/leads/counts", org.adminToken()).expect(200).data().get(0).get("count").asLong())
                .isZero();
    }

    private List<String> listIds(Org org, String query) {
        return ids(api.get("/api/v1/leads?" + query, org.adminToken()).expect(200).data());
    }

    private static List<String> ids(JsonNode leads) {
        List<String> ids = new ArrayList<>();
        leads.forEach(l -> ids.add(l.get("id").asString()));
        return ids;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
