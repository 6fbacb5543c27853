package com.educonsult.crm.messaging.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CampaignApiTests extends ApiTest {

    private static final String PATH = "/api/v1/campaigns";

    @Test
    void aManagerBuildsChangesAndDeletesADraftCampaignAndBadInputNamesTheField() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        UUID template = template(org, "Open day", "email", "Open day for {{first_name}}", "Hi {{first_name}}!");

        JsonNode draft = api.post(PATH, manager.token(), campaign("Spring open day", "email", template,
                Map.of("tags", "open-day"))).expect(201).data();
        assertThat(draft.get("status").asString()).isEqualTo("draft");
        assertThat(draft.get("throttle_per_minute").asInt()).isEqualTo(60);
        assertThat(draft.get("audience").get("tags").asString()).isEqualTo("open-day");
        String id = draft.get("id").asString();

        Map<String, Object> changed = campaign("Spring open day (Pune)", "email", template,
                Map.of("tags", "open-day", "source", "website"));
        changed.put("throttle_per_minute", 120);
        JsonNode updated = api.put(PATH + "/" + id, manager.token(), changed).expect(200).data();
        assertThat(updated.get("name").asString()).isEqualTo("Spring open day (Pune)");
        assertThat(updated.get("throttle_per_minute").asInt()).isEqualTo(120);
        assertThat(api.get(PATH, manager.token()).expect(200).data().get(0).get("id").asString()).isEqualTo(id);

        Map<String, Object> noChannel = campaign("x", "fax", template, Map.of());
        assertThat(api.post(PATH, manager.token(), noChannel).expect(422).errorField()).isEqualTo("channel");
        UUID smsOnly = template(org, "Sms only", "sms", null, "Hi {{first_name}}");
        assertThat(api.post(PATH, manager.token(), campaign("x", "email", smsOnly, Map.of())).expect(422)
                .errorField()).isEqualTo("template_id");
        UUID noSubject = template(org, "No subject", "email", null, "Hi");
        assertThat(api.post(PATH, manager.token(), campaign("x", "email", noSubject, Map.of())).expect(422)
                .errorField()).isEqualTo("subject");
        assertThat(api.post(PATH, manager.token(), campaign("x", "email", template, Map.of("status", "nope")))
                .expect(422).errorField()).isEqualTo("audience.status");
        Map<String, Object> tooFast = campaign("x", "email", template, Map.of());
        tooFast.put("throttle_per_minute", 0);
        assertThat(api.post(PATH, manager.token(), tooFast).expect(422).errorField())
                .isEqualTo("throttle_per_minute");
        Map<String, Object> unknown = campaign("x", "email", template, Map.of());
        unknown.put("colour", "red");
        assertThat(api.post(PATH, manager.token(), unknown).expect(422).errorField()).isEqualTo("colour");

        api.delete(PATH + "/" + id, manager.token()).expect(200);
        api.get(PATH + "/" + id, manager.token()).expect(404);
    }

    @Test
    void theAudienceCountIsTheLeadListsCountForTheSameFilter() {
        Org org = registerOrganization();
        for (int i = 0; i < 3; i++) {
            lead(org, Map.of("first_name", "Tagged" + i, "email", "tagged" + i + "@example.test", "tags",
                    List.of("ielts")));
        }
        lead(org, Map.of("first_name", "Other", "email", "other@example.test"));

        long counted = api.post(PATH + "/audience/count", org.adminToken(), Map.of("tags", "ielts")).expect(200)
                .data().get("count").asLong();
        long listed = api.get("/api/v1/leads?tags=ielts", org.adminToken()).expect(200).body().get("meta")
                .get("total").asLong();
        assertThat(counted).isEqualTo(3).isEqualTo(listed);
        assertThat(api.post(PATH + "/audience/count", org.adminToken(), Map.of()).expect(200).data().get("count")
                .asLong()).isEqualTo(api.get("/api/v1/leads", org.adminToken()).expect(200).body().get("meta")
                .get("total").asLong());
        assertThat(api.post(PATH + "/audience/count", org.adminToken(), Map.of("created_from", "yesterday"))
                .expect(422).errorField()).isEqualTo("created_from");
    }

    @Test
    void aCampaignLeavesOutOptedOutDuplicateAndAddresslessLeadsCountsThemAndSendsTheRestOnce() {
        Org org = registerOrganization();
        UUID template = template(org, "Fair", "email", "Fair for {{first_name}}", "Hi {{first_name}}, come!");
        UUID first = lead(org, Map.of("first_name", "Asha", "email", "asha@example.test", "tags", List.of("fair")));
        lead(org, Map.of("first_name", "Asha again", "email", "asha@example.test", "tags", List.of("fair")));
        lead(org, Map.of("first_name", "Nomail", "phone", "+919800000001", "tags", List.of("fair")));
        lead(org, Map.of("first_name", "Stopped", "email", "stopped@example.test", "tags", List.of("fair")));
        UUID ravi = lead(org, Map.of("first_name", "Ravi", "email", "ravi@example.test", "tags", List.of("fair")));
        optOut(org, "email", "stopped@example.test");

        String id = api.post(PATH, org.adminToken(), withThrottle(campaign("Fair", "email", template,
                Map.of("tags", "fair")), 6000)).expect(201).data().get("id").asString();
        JsonNode launched = api.post(PATH + "/" + id + "/launch", org.adminToken(), Map.of()).expect(200).data();
        assertThat(launched.get("recipients").asInt()).isEqualTo(2);
        assertThat(launched.get("excluded").get("opted_out").asInt()).isEqualTo(1);
        assertThat(launched.get("excluded").get("duplicate").asInt()).isEqualTo(1);
        assertThat(launched.get("excluded").get("no_address").asInt()).isEqualTo(1);
        api.post(PATH + "/" + id + "/launch", org.adminToken(), Map.of()).expect(409);

        JsonNode done = await(org, id, c -> c.get("status").asString().equals("completed"));
        assertThat(done.get("queued").asInt()).isEqualTo(2);
        List<String> sentTo = tenancy.callAs(org.id(), () -> db.fetch(
                "select to_address from communications where organization_id = ? and campaign_id = ?"
                        + " order by to_address", org.id(), UUID.fromString(id)).getValues(0, String.class));
        assertThat(sentTo).containsExactly("asha@example.test", "ravi@example.test");
        JsonNode stats = api.get(PATH + "/" + id + "/stats", org.adminToken()).expect(200).data();
        assertThat(stats.get("recipients").asLong()).isEqualTo(2);
        assertThat(stats.get("queued").asLong()).isEqualTo(2);
        assertThat(stats.get("excluded").get("opted_out").asInt()).isEqualTo(1);
        JsonNode excluded = api.get(PATH + "/" + id + "/recipients?status=excluded", org.adminToken()).expect(200)
                .data();
        assertThat(excluded).hasSize(3);
        JsonNode recipients = api.get(PATH + "/" + id + "/recipients", org.adminToken()).expect(200).data();
        assertThat(recipients).hasSize(5);
        assertThat(recipients.findValuesAsString("lead_id")).contains(first.toString(), ravi.toString());
    }

    @Test
    void aPausedCampaignHandsNobodyOverUntilResumedAndACancelledOneNeverSendsTheRest() throws Exception {
        Org org = registerOrganization();
        UUID template = template(org, "Reminder", "sms", null, "Hi {{first_name}}, call us");
        for (int i = 0; i < 4; i++) {
            lead(org, Map.of("first_name", "Slow" + i, "phone", "+91980000010" + i, "tags", List.of("slow")));
        }
        String id = api.post(PATH, org.adminToken(), withThrottle(campaign("Slow", "sms", template,
                Map.of("tags", "slow")), 1)).expect(201).data().get("id").asString();
        api.post(PATH + "/" + id + "/launch", org.adminToken(), Map.of()).expect(200);
        await(org, id, c -> c.get("queued").asInt() == 1);
        JsonNode paused = api.post(PATH + "/" + id + "/pause", org.adminToken(), Map.of()).expect(200).data();
        assertThat(paused.get("status").asString()).isEqualTo("paused");
        assertThat(api.post(PATH + "/" + id + "/pause", org.adminToken(), Map.of()).expect(409).errorField())
                .isEqualTo("status");
        api.post(PATH + "/" + id + "/resume", org.adminToken(), Map.of()).expect(200);
        await(org, id, c -> c.get("queued").asInt() == 2);
        JsonNode cancelled = api.post(PATH + "/" + id + "/cancel", org.adminToken(), Map.of()).expect(200).data();
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        api.post(PATH + "/" + id + "/resume", org.adminToken(), Map.of()).expect(409);
        Thread.sleep(2500);
        JsonNode stats = api.get(PATH + "/" + id + "/stats", org.adminToken()).expect(200).data();
        assertThat(stats.get("queued").asLong()).isEqualTo(2);
        assertThat(stats.get("pending").asLong()).isZero();
        assertThat(api.get(PATH + "/" + id + "/recipients?status=cancelled", org.adminToken()).expect(200).data())
                .hasSize(2);
        api.delete(PATH + "/" + id, org.adminToken()).expect(200);
    }

    @Test
    void eachStatusOffersOnlyTheActionsItAllowsAndTheApiRefusesTheOthers() {
        Org org = registerOrganization();
        UUID template = template(org, "Actions", "sms", null, "Hi {{first_name}}");
        lead(org, Map.of("first_name", "Quick", "phone", "+919800000201", "tags", List.of("quick")));
        for (int i = 0; i < 3; i++) {
            lead(org, Map.of("first_name", "Slow" + i, "phone", "+91980000021" + i, "tags", List.of("slower")));
        }

        JsonNode draft = api.post(PATH, org.adminToken(), withThrottle(campaign("Quick", "sms", template,
                Map.of("tags", "quick")), 6000)).expect(201).data();
        assertThat(actions(draft)).containsExactly("edit", "launch", "delete");
        String quick = draft.get("id").asString();
        api.post(PATH + "/" + quick + "/pause", org.adminToken(), Map.of()).expect(409);
        api.post(PATH + "/" + quick + "/launch", org.adminToken(), Map.of()).expect(200);
        JsonNode completed = await(org, quick, c -> c.get("status").asString().equals("completed"));
        assertThat(actions(completed)).containsExactly("delete");
        for (String refused : List.of("pause", "resume", "cancel", "launch")) {
            assertThat(api.post(PATH + "/" + quick + "/" + refused, org.adminToken(), Map.of()).expect(409)
                    .errorField()).as(refused).isEqualTo("status");
        }
        api.put(PATH + "/" + quick, org.adminToken(), campaign("Quick", "sms", template, Map.of())).expect(409);

        String slow = api.post(PATH, org.adminToken(), withThrottle(campaign("Slower", "sms", template,
                Map.of("tags", "slower")), 1)).expect(201).data().get("id").asString();
        JsonNode running = api.post(PATH + "/" + slow + "/launch", org.adminToken(), Map.of()).expect(200).data();
        assertThat(running.get("status").asString()).isEqualTo("running");
        assertThat(actions(running)).containsExactly("pause", "cancel");
        api.delete(PATH + "/" + slow, org.adminToken()).expect(409);
        JsonNode paused = api.post(PATH + "/" + slow + "/pause", org.adminToken(), Map.of()).expect(200).data();
        assertThat(actions(paused)).containsExactly("resume", "cancel");
        JsonNode cancelled = api.post(PATH + "/" + slow + "/cancel", org.adminToken(), Map.of()).expect(200).data();
        assertThat(actions(cancelled)).containsExactly("delete");
        assertThat(actions(api.get(PATH + "/" + slow, org.adminToken()).expect(200).data()))
                .containsExactly("delete");

        Map<String, Object> later = campaign("Later", "sms", template, Map.of("tags", "quick"));
        later.put("scheduled_at", OffsetDateTime.now().plusDays(2).toString());
        String scheduled = api.post(PATH, org.adminToken(), later).expect(201).data().get("id").asString();
        JsonNode waiting = api.post(PATH + "/" + scheduled + "/launch", org.adminToken(), Map.of()).expect(200)
                .data();
        assertThat(waiting.get("status").asString()).isEqualTo("scheduled");
        assertThat(actions(waiting)).containsExactly("edit", "cancel", "delete");
        api.post(PATH + "/" + scheduled + "/pause", org.adminToken(), Map.of()).expect(409);
    }

    private static List<String> actions(JsonNode campaign) {
        List<String> actions = new java.util.ArrayList<>();
        campaign.get("actions").forEach(a -> actions.add(a.asString()));
        return actions;
    }

    @Test
    void aScheduledCampaignLaunchesAtItsTime() {
        Org org = registerOrganization();
        UUID template = template(org, "Later", "whatsapp", null, "Hi {{first_name}}");
        lead(org, Map.of("first_name", "Meera", "phone", "+919800000201", "tags", List.of("later")));
        Map<String, Object> body = campaign("Later", "whatsapp", template, Map.of("tags", "later"));
        body.put("scheduled_at", OffsetDateTime.now().plusSeconds(3).toString());
        String id = api.post(PATH, org.adminToken(), body).expect(201).data().get("id").asString();
        assertThat(api.post(PATH + "/" + id + "/launch", org.adminToken(), Map.of()).expect(200).data()
                .get("status").asString()).isEqualTo("scheduled");
        JsonNode done = await(org, id, c -> c.get("status").asString().equals("completed"));
        assertThat(done.get("recipients").asInt()).isEqualTo(1);
        assertThat(done.get("queued").asInt()).isEqualTo(1);
    }

    @Test
    void trackedLinksAndTheOpenPixelCountAndForgedTokensAreNotFound() {
        Org org = registerOrganization();
        UUID template = template(org, "Links", "email", "Read this",
                "Hi {{first_name}}, see https://example.com/fair?city=pune today.");
        lead(org, Map.of("first_name", "Kiran", "email", "kiran@example.test", "tags", List.of("links")));
        String id = api.post(PATH, org.adminToken(), withThrottle(campaign("Links", "email", template,
                Map.of("tags", "links")), 600)).expect(201).data().get("id").asString();
        api.post(PATH + "/" + id + "/launch", org.adminToken(), Map.of()).expect(200);
        await(org, id, c -> c.get("status").asString().equals("completed"));
        String html = tenancy.callAs(org.id(), () -> db.fetchValue(
                "select html from communications where organization_id = ? and campaign_id = ?", org.id(),
                UUID.fromString(id))).toString();
        Matcher click = Pattern.compile("href=\"[^\"]*(/t/c/[^\"]+)\"").matcher(html);
        Matcher open = Pattern.compile("src=\"[^\"]*(/t/o/[^\"]+)\"").matcher(html);
        assertThat(click.find()).isTrue();
        assertThat(open.find()).isTrue();

        var redirect = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + click.group(1))).GET());
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.http().headers().firstValue("Location")).hasValue("https://example.com/fair?city=pune");
        var pixel = api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + open.group(1))).GET());
        assertThat(pixel.status()).isEqualTo(200);
        assertThat(pixel.http().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("image/gif"));

        String token = click.group(1).substring("/t/c/".length());
        String forged = token.substring(0, token.lastIndexOf('.')) + ".AAAA" + token.substring(token.lastIndexOf('.')
                + 5);
        assertThat(api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/t/c/" + forged)).GET()).status())
                .isEqualTo(404);
        assertThat(api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/t/o/nonsense.gif")).GET())
                .status()).isEqualTo(404);

        JsonNode stats = api.get(PATH + "/" + id + "/stats", org.adminToken()).expect(200).data();
        assertThat(stats.get("clicked").asLong()).isEqualTo(1);
        assertThat(stats.get("opened").asLong()).isEqualTo(1);
        assertThat(api.get(PATH + "/" + id + "/recipients?status=clicked", org.adminToken()).expect(200).data())
                .hasSize(1);
    }

    @Test
    void anotherOrganizationsCampaignIsNotFoundAndCounselorsMayNotRunCampaigns() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID template = template(org, "Mine", "sms", null, "Hi");
        String id = api.post(PATH, org.adminToken(), campaign("Mine", "sms", template, Map.of())).expect(201)
                .data().get("id").asString();
        api.get(PATH + "/" + id, other.adminToken()).expect(404);
        api.get(PATH + "/" + id + "/stats", other.adminToken()).expect(404);
        api.post(PATH + "/" + id + "/launch", other.adminToken(), Map.of()).expect(404);
        api.delete(PATH + "/" + id, other.adminToken()).expect(404);
        assertThat(api.post(PATH, other.adminToken(), campaign("Theirs", "sms", template, Map.of())).expect(422)
                .errorField()).isEqualTo("template_id");

        TestUser counselor = userWithRole(org, "counselor");
        api.get(PATH, counselor.token()).expect(403);
        api.post(PATH + "/audience/count", counselor.token(), Map.of()).expect(403);
    }

    // -- fixtures

    private UUID template(Org org, String name, String channel, String subject, String content) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name + " " + unique("t"));
        body.put("is_whatsapp", channel.equals("whatsapp"));
        body.put("is_sms", channel.equals("sms"));
        body.put("is_email", channel.equals("email"));
        if (subject != null) {
            body.put("subject", subject);
        }
        body.put("content", content);
        return UUID.fromString(api.post("/api/v1/templates/messages", org.adminToken(), body).expect(201).data()
                .get("id").asString());
    }

    private UUID lead(Org org, Map<String, ?> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("allow_duplicate", true);
        return UUID.fromString(api.post("/api/v1/leads", org.adminToken(), body).expect(201).data().get("id")
                .asString());
    }

    private void optOut(Org org, String channel, String address) {
        tenancy.runAs(org.id(), () -> db.execute("insert into message_consents (organization_id, channel, address, "
                + "opted_out, source) values (?, ?, ?, true, 'test')", org.id(), channel, address));
    }

    private static Map<String, Object> campaign(String name, String channel, UUID template, Map<String, ?> audience) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("channel", channel);
        body.put("template_id", template.toString());
        body.put("audience", audience);
        return body;
    }

    private static Map<String, Object> withThrottle(Map<String, Object> body, int perMinute) {
        body.put("throttle_per_minute", perMinute);
        return body;
    }

    /** The campaign once the condition holds (the sending job runs every second). */
    private JsonNode await(Org org, String id, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode campaign = null;
        while (System.nanoTime() < deadline) {
            campaign = api.get(PATH + "/" + id, org.adminToken()).expect(200).data();
            if (condition.test(campaign)) {
                return campaign;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("The campaign never got there: " + campaign);
    }
}
