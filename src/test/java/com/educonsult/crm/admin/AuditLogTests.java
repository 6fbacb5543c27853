package com.educonsult.crm.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuditLogTests extends ApiTest {

    private static final String LOGS = "/api/v1/admin/audit-logs";

    @Test
    void listsTheOrganizationsEntriesNewestFirstWithTotal() {
        Org org = registerOrganization();
        userWithRole(org, "agent");

        var page = api.get(LOGS, org.adminToken()).expect(200);

        JsonNode entries = page.data();
        assertThat(page.body().get("meta").get("total").asLong()).isEqualTo(entries.size()).isGreaterThanOrEqualTo(3);
        assertThat(entries.get(0).get("action").asString()).isEqualTo("auth.login");
        for (int i = 1; i < entries.size(); i++) {
            assertThat(OffsetDateTime.parse(entries.get(i - 1).get("created_at").asString()))
                    .isAfterOrEqualTo(OffsetDateTime.parse(entries.get(i).get("created_at").asString()));
        }
    }

    @Test
    void filtersByActionUserResourceAndTime() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        assertThat(list(org, "action=user.created").data()).hasSize(1);
        assertThat(list(org, "resource_type=organization&resource_id=" + org.id()).data()).hasSize(1);
        JsonNode byAgent = list(org, "user_id=" + agent.id()).data();
        assertThat(byAgent).hasSize(1);
        assertThat(byAgent.get(0).get("action").asString()).isEqualTo("auth.login");
        String tomorrow = encode(OffsetDateTime.now(ZoneOffset.ofHours(5)).plusDays(1).toString());
        String yesterday = encode(OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString());
        assertThat(list(org, "from=" + tomorrow).data()).isEmpty();
        assertThat(list(org, "to=" + yesterday).data()).isEmpty();
        assertThat(list(org, "from=" + yesterday + "&to=" + tomorrow).data().size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void searchLooksIntoTheRecordedJson() {
        Org org = registerOrganization();

        JsonNode found = list(org, "search=" + encode("Consultancy " + org.slug().toUpperCase())).data();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("action").asString()).isEqualTo("organization.created");
        assertThat(found.get(0).get("after").get("slug").asString()).isEqualTo(org.slug());
        assertThat(list(org, "search=" + encode(org.adminEmail())).data()).hasSize(1);
        assertThat(list(org, "search=" + encode("%")).data()).isEmpty();
    }

    @Test
    void pagesWithLimitAndOffset() {
        Org org = registerOrganization();
        userWithRole(org, "agent");

        var first = list(org, "limit=1");
        var second = list(org, "limit=1&offset=1");

        assertThat(first.data()).hasSize(1);
        assertThat(first.body().get("meta").get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(second.data().get(0).get("id").asString()).isNotEqualTo(first.data().get(0).get("id").asString());
    }

    @Test
    void oneEntryIsReadById() {
        Org org = registerOrganization();
        String id = list(org, "action=organization.created").data().get(0).get("id").asString();

        var entry = api.get(LOGS + "/" + id, org.adminToken()).expect(200);

        assertThat(entry.data().get("resource_id").asString()).isEqualTo(org.id().toString());
    }

    @Test
    void anotherOrganizationsEntryIsNotFoundAndNotListed() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        String theirs = list(other, "action=organization.created").data().get(0).get("id").asString();

        var response = api.get(LOGS + "/" + theirs, org.adminToken()).expect(404);

        assertThat(response.raw()).doesNotContain(other.slug());
        assertThat(list(org, "search=" + other.slug()).data()).isEmpty();
        api.get(LOGS + "/" + UUID.randomUUID(), org.adminToken()).expect(404);
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        Org org = registerOrganization();

        assertThat(api.get(LOGS + "?from=yesterday", org.adminToken()).expect(400).errorField()).isEqualTo("from");
        assertThat(api.get(LOGS + "?user_id=42", org.adminToken()).expect(400).errorField()).isEqualTo("user_id");
        assertThat(api.get(LOGS + "?limit=500", org.adminToken()).expect(400).errorField()).isEqualTo("limit");
        String now = encode(OffsetDateTime.now(ZoneOffset.UTC).toString());
        assertThat(api.get(LOGS + "?from=" + now + "&to=" + now, org.adminToken()).expect(422).errorField())
                .isEqualTo("from");
        assertThat(api.get(LOGS + "?search=" + "x".repeat(201), org.adminToken()).expect(422).errorField())
                .isEqualTo("search");
        assertThat(api.get(LOGS + "/not-a-uuid", org.adminToken()).expect(400).errorField()).isEqualTo("id");
    }

    @Test
    void withoutTheAuditPermissionTheLogIsForbidden() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        String id = list(org, "action=organization.created").data().get(0).get("id").asString();

        api.get(LOGS, agent.token()).expect(403);
        api.get(LOGS + "/" + id, agent.token()).expect(403);
        api.get(LOGS, null).expect(401);
    }

    private Response list(Org org, String query) {
        return api.get(LOGS + "?" + query, org.adminToken()).expect(200);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
