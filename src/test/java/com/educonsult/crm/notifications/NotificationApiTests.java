package com.educonsult.crm.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class NotificationApiTests extends ApiTest {

    private static final String BASE = "/api/v1/notifications";

    @Autowired
    Notifier notifier;

    /** Writes a notification for a user as a trigger would. */
    UUID notifyDirectly(Org org, UUID userId, String title, OffsetDateTime expiresAt) {
        return tenancy.callAs(org.id(), () -> notifier.notify(org.id(), List.of(userId), new NewNotification(
                NotificationKind.ANNOUNCEMENT, title, "Body of " + title, "normal", "/leads", null, null,
                "test:" + UUID.randomUUID(), expiresAt, null)).get(userId));
    }

    private UUID sendTo(Org org, UUID userId, String title) {
        JsonNode data = api.post(BASE, org.adminToken(), Map.of("user_id", userId.toString(), "title", title,
                "body", "Please read", "priority", "high", "action_url", "/follow-ups")).expect(201).data();
        return UUID.fromString(data.get("id").asString());
    }

    @Test
    void aUserListsTheirNotificationsNewestFirstWithTheUnreadCount() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        sendTo(org, counselor.id(), "First");
        sendTo(org, counselor.id(), "Second");

        var response = api.get(BASE, counselor.token()).expect(200);
        JsonNode items = response.data();
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("title").asString()).isEqualTo("Second");
        assertThat(items.get(0).get("priority").asString()).isEqualTo("high");
        assertThat(items.get(0).get("action_url").asString()).isEqualTo("/follow-ups");
        assertThat(items.get(0).get("kind").asString()).isEqualTo("announcement");
        assertThat(items.get(0).get("read").asBoolean()).isFalse();
        assertThat(response.body().get("meta").get("unread_count").asLong()).isEqualTo(2);
        assertThat(response.body().get("meta").get("total").asLong()).isEqualTo(2);

        JsonNode paged = api.get(BASE + "?limit=1&offset=1", counselor.token()).expect(200).body();
        assertThat(paged.get("data")).hasSize(1);
        assertThat(paged.get("data").get(0).get("title").asString()).isEqualTo("First");
        // the sender does not see them
        assertThat(api.get(BASE, org.adminToken()).expect(200).data()).isEmpty();
    }

    @Test
    void markingReadTakesItOutOfTheUnreadListAndCount() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID first = sendTo(org, counselor.id(), "First");
        sendTo(org, counselor.id(), "Second");

        JsonNode read = api.put(BASE + "/" + first + "/read", counselor.token(), "").expect(200).data();
        assertThat(read.get("read").asBoolean()).isTrue();
        assertThat(read.get("read_at").isNull()).isFalse();
        api.put(BASE + "/" + first + "/read", counselor.token(), "").expect(200);

        var unread = api.get(BASE + "?unread=true", counselor.token()).expect(200);
        assertThat(unread.data()).hasSize(1);
        assertThat(unread.data().get(0).get("title").asString()).isEqualTo("Second");
        assertThat(unread.body().get("meta").get("unread_count").asLong()).isEqualTo(1);

        JsonNode all = api.post(BASE + "/read-all", counselor.token(), "").expect(200).data();
        assertThat(all.get("marked").asInt()).isEqualTo(1);
        assertThat(api.get(BASE + "?unread=true", counselor.token()).expect(200).body().get("meta")
                .get("unread_count").asLong()).isZero();
    }

    @Test
    void aUserDeletesTheirOwnNotification() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID id = sendTo(org, counselor.id(), "To delete");

        api.delete(BASE + "/" + id, counselor.token()).expect(200);

        assertThat(api.get(BASE, counselor.token()).expect(200).data()).isEmpty();
        api.delete(BASE + "/" + id, counselor.token()).expect(404);
    }

    @Test
    void anotherUsersOrOrganizationsNotificationIsUnknown() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser colleague = userWithRole(org, "counselor");
        Org other = registerOrganization();
        UUID id = sendTo(org, counselor.id(), "Mine");

        api.put(BASE + "/" + id + "/read", colleague.token(), "").expect(404);
        api.delete(BASE + "/" + id, colleague.token()).expect(404);
        api.put(BASE + "/" + id + "/read", other.adminToken(), "").expect(404);
        api.delete(BASE + "/" + id, other.adminToken()).expect(404);
        api.post(BASE, other.adminToken(), Map.of("user_id", counselor.id().toString(), "title", "Hello"))
                .expect(404);
        assertThat(api.get(BASE, counselor.token()).expect(200).data().get(0).get("read").asBoolean()).isFalse();
    }

    @Test
    void expiredNotificationsAreNotListed() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        notifyDirectly(org, counselor.id(), "Gone", OffsetDateTime.now().minusMinutes(1));
        notifyDirectly(org, counselor.id(), "Still here", OffsetDateTime.now().plusDays(1));

        var response = api.get(BASE, counselor.token()).expect(200);
        assertThat(response.data()).hasSize(1);
        assertThat(response.data().get(0).get("title").asString()).isEqualTo("Still here");
        assertThat(response.body().get("meta").get("unread_count").asLong()).isEqualTo(1);
    }

    @Test
    void sendingNeedsThePermissionAndValidInput() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        TestUser manager = userWithRole(org, "manager");

        api.post(BASE, manager.token(), Map.of("user_id", counselor.id().toString(), "title", "Hi")).expect(403);
        api.post(BASE + "/broadcast", counselor.token(), Map.of("audience", "everyone", "title", "Hi")).expect(403);

        assertThat(api.post(BASE, org.adminToken(), Map.of("user_id", counselor.id().toString(), "title", " "))
                .expect(422).errorField()).isEqualTo("title");
        assertThat(api.post(BASE, org.adminToken(), Map.of("title", "No one")).expect(422).errorField())
                .isEqualTo("user_id");
        assertThat(api.post(BASE, org.adminToken(), Map.of("user_id", counselor.id().toString(), "title", "Hi",
                "priority", "shouting")).expect(422).errorField()).isEqualTo("priority");
        assertThat(api.post(BASE, org.adminToken(), Map.of("user_id", counselor.id().toString(), "title", "Hi",
                "action_url", "javascript:alert(1)")).expect(422).errorField()).isEqualTo("action_url");
        assertThat(api.post(BASE, org.adminToken(), Map.of("user_id", counselor.id().toString(), "title", "Hi",
                "expires_at", OffsetDateTime.now().minusHours(1).toString())).expect(422).errorField())
                .isEqualTo("expires_at");
        assertThat(api.post(BASE, org.adminToken(), Map.of("user_id", counselor.id().toString(), "title", "Hi",
                "colour", "red")).expect(422).errorField()).isEqualTo("colour");
        api.post(BASE, org.adminToken(), Map.of("user_id", UUID.randomUUID().toString(), "title", "Hi")).expect(404);
    }

    @Test
    void aBroadcastReachesEveryoneARoleOrABranch() {
        Org org = registerOrganization();
        UUID branch = UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", "Kochi"))
                .expect(201).data().get("id").asString());
        TestUser inBranch = userWithRole(org, "counselor", branch);
        TestUser elsewhere = userWithRole(org, "counselor");
        TestUser agent = userWithRole(org, "agent");

        JsonNode toRole = api.post(BASE + "/broadcast", org.adminToken(), Map.of("audience", "role", "role", "counselor",
                "title", "Counselors meet at 5", "priority", "urgent")).expect(201).data();
        assertThat(toRole.get("recipients").asInt()).isEqualTo(2);
        JsonNode toBranch = api.post(BASE + "/broadcast", org.adminToken(), Map.of("audience", "branch",
                "branch_id", branch.toString(), "title", "Kochi office closed Friday")).expect(201).data();
        assertThat(toBranch.get("recipients").asInt()).isEqualTo(1);
        JsonNode toAll = api.post(BASE + "/broadcast", org.adminToken(), Map.of("audience", "everyone",
                "title", "Welcome to the new CRM", "action_url", "https://help.example.com/start",
                "expires_at", OffsetDateTime.now().plusDays(7).toString())).expect(201).data();
        assertThat(toAll.get("recipients").asInt()).isEqualTo(4);

        assertThat(titles(inBranch)).containsExactly("Welcome to the new CRM", "Kochi office closed Friday",
                "Counselors meet at 5");
        assertThat(titles(elsewhere)).containsExactly("Welcome to the new CRM", "Counselors meet at 5");
        assertThat(titles(agent)).containsExactly("Welcome to the new CRM");
    }

    @Test
    void aBroadcastNamesWhatIsMissingOrUnknown() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID otherBranch = UUID.fromString(api.post("/api/v1/branches", other.adminToken(), Map.of("name", "Pune"))
                .expect(201).data().get("id").asString());

        assertThat(api.post(BASE + "/broadcast", org.adminToken(), Map.of("audience", "team", "title", "Hi"))
                .expect(422).errorField()).isEqualTo("audience");
        assertThat(api.post(BASE + "/broadcast", org.adminToken(), Map.of("audience", "role", "title", "Hi"))
                .expect(422).errorField()).isEqualTo("role");
        assertThat(api.post(BASE + "/broadcast", org.adminToken(), Map.of("audience", "role", "role", "astronaut",
                "title", "Hi")).expect(422).errorField()).isEqualTo("role");
        assertThat(api.post(BASE + "/broadcast", org.adminToken(), Map.of("audience", "branch", "title", "Hi"))
                .expect(422).errorField()).isEqualTo("branch_id");
        api.post(BASE + "/broadcast", org.adminToken(), Map.of("audience", "branch", "branch_id",
                otherBranch.toString(), "title", "Hi")).expect(404);
    }

    @Test
    void preferencesStartFromTheDefaultsAndAreReplacedWhole() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");

        JsonNode defaults = api.get(BASE + "/preferences", counselor.token()).expect(200).data();
        assertThat(defaults.get("kinds")).hasSize(NotificationKind.values().length);
        assertThat(kind(defaults, "daily_digest").get("email").asBoolean()).isTrue();
        assertThat(kind(defaults, "lead_assigned").get("push").asBoolean()).isTrue();
        assertThat(defaults.get("quiet_hours").isNull()).isTrue();
        assertThat(defaults.get("time_zone").asString()).isEqualTo("Asia/Kolkata");

        Map<String, Object> body = new HashMap<>();
        body.put("kinds", List.of(Map.of("kind", "lead_assigned", "in_app", true, "push", false, "email", true)));
        body.put("quiet_hours", Map.of("start", "22:00", "end", "07:00"));
        JsonNode saved = api.put(BASE + "/preferences", counselor.token(), body).expect(200).data();
        assertThat(kind(saved, "lead_assigned").get("push").asBoolean()).isFalse();
        assertThat(kind(saved, "lead_assigned").get("email").asBoolean()).isTrue();
        assertThat(saved.get("quiet_hours").get("start").asString()).isEqualTo("22:00");
        assertThat(saved.get("quiet_hours").get("end").asString()).isEqualTo("07:00");

        JsonNode cleared = api.put(BASE + "/preferences", counselor.token(), Map.of()).expect(200).data();
        assertThat(kind(cleared, "lead_assigned").get("push").asBoolean()).isTrue();
        assertThat(cleared.get("quiet_hours").isNull()).isTrue();
    }

    @Test
    void preferencesRefuseWhatTheyCannotKeep() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");

        assertThat(api.put(BASE + "/preferences", counselor.token(), Map.of("kinds",
                List.of(Map.of("kind", "gossip", "push", true)))).expect(422).errorField()).isEqualTo("kinds[0].kind");
        assertThat(api.put(BASE + "/preferences", counselor.token(), Map.of("quiet_hours",
                Map.of("start", "25:00", "end", "07:00"))).expect(422).errorField()).isEqualTo("quiet_hours.start");
        assertThat(api.put(BASE + "/preferences", counselor.token(), Map.of("quiet_hours",
                Map.of("start", "07:00", "end", "07:00"))).expect(422).errorField()).isEqualTo("quiet_hours.end");
        assertThat(api.put(BASE + "/preferences", counselor.token(), Map.of("kinds",
                List.of(Map.of("kind", "sla_breach"), Map.of("kind", "sla_breach")))).expect(422).errorField())
                .isEqualTo("kinds[1].kind");
    }

    @Test
    void everyEndpointNeedsASignedInUser() {
        api.get(BASE, null).expect(401);
        api.get(BASE + "/preferences", null).expect(401);
        api.post(BASE + "/read-all", null, "").expect(401);
    }

    private List<String> titles(TestUser user) {
        List<String> titles = new java.util.ArrayList<>();
        api.get(BASE, user.token()).expect(200).data().forEach(n -> titles.add(n.get("title").asString()));
        return titles;
    }

    private static JsonNode kind(JsonNode preferences, String kind) {
        for (JsonNode k : preferences.get("kinds")) {
            if (k.get("kind").asString().equals(kind)) {
                return k;
            }
        }
        throw new AssertionError("no kind " + kind);
    }
}
