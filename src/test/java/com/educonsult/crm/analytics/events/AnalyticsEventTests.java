package com.educonsult.crm.analytics.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnalyticsEventTests extends ApiTest {

    private static final String SITE = "https://www.school.example";
    private static final String EVENTS = "/api/v1/analytics/events";
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private static Map<String, Object> event(String type, Object... more) {
        Map<String, Object> event = new HashMap<>(Map.of("event_type", type));
        for (int i = 0; i < more.length; i += 2) {
            event.put((String) more[i], more[i + 1]);
        }
        return event;
    }

    private String issueKey(Org org, Map<String, Object> request) {
        return api.post("/api/v1/analytics/public-key", org.adminToken(), request).expect(201).data()
                .get("public_key").asString();
    }

    private Response fromWebsite(String key, String origin, Object body) {
        String json = JSON.writeValueAsString(body);
        HttpRequest.Builder request = api.builder(EVENTS + "?key=" + key, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return api.send(request, json);
    }

    private Response preflight(String key, String origin) {
        return api.send(api.builder(EVENTS + "?key=" + key, null).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private static String isoAt(Instant moment) {
        return moment.atZone(KOLKATA).toOffsetDateTime().toString();
    }

    @Test
    void aCounselorRecordsOneEventAndABatchAsThemselves() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");

        JsonNode one = api.post(EVENTS, counselor.token(), event("lead_viewed", "entity_type", "lead",
                "entity_id", "a0d5a2b0-0000-4000-8000-000000000001", "properties", Map.of("tab", "timeline"),
                "session_id", "s-1")).expect(201).data();
        JsonNode batch = api.post(EVENTS, counselor.token(), Map.of("events", List.of(
                event("page_view", "properties", Map.of("path", "/leads")), event("search", "session_id", "s-1"))))
                .expect(201).data();

        assertThat(one.get("recorded").asInt()).isEqualTo(1);
        assertThat(batch.get("received").asInt()).isEqualTo(2);
        assertThat(batch.get("recorded").asInt()).isEqualTo(2);
        JsonNode listed = api.get(EVENTS + "?session_id=s-1", org.adminToken()).expect(200).body();
        assertThat(listed.get("data")).hasSize(2);
        assertThat(listed.get("meta").get("total").asInt()).isEqualTo(2);
        JsonNode viewed = api.get(EVENTS + "?event_type=lead_viewed", org.adminToken()).expect(200).data().get(0);
        assertThat(viewed.get("user_id").asString()).isEqualTo(counselor.id().toString());
        assertThat(viewed.get("channel").asString()).isEqualTo("console");
        assertThat(viewed.get("properties").get("tab").asString()).isEqualTo("timeline");
        assertThat(viewed.get("id").asString()).isEqualTo(one.get("events").get(0).get("id").asString());
    }

    @Test
    void anEventWithAClientIdIsRecordedAndCountedOnce() {
        Org org = registerOrganization();

        JsonNode first = api.post(EVENTS, org.adminToken(), event("lead_conversion", "client_event_id", "c-1"))
                .expect(201).data();
        JsonNode again = api.post(EVENTS, org.adminToken(), Map.of("events", List.of(
                event("lead_conversion", "client_event_id", "c-1"), event("lead_conversion", "client_event_id", "c-2"),
                event("lead_conversion", "client_event_id", "c-2")))).expect(201).data();

        String firstId = first.get("events").get(0).get("id").asString();
        assertThat(again.get("recorded").asInt()).isEqualTo(1);
        assertThat(again.get("duplicates").asInt()).isEqualTo(2);
        assertThat(again.get("events").get(0).get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("events").get(0).get("id").asString()).isEqualTo(firstId);
        assertThat(again.get("events").get(2).get("id").asString())
                .isEqualTo(again.get("events").get(1).get("id").asString());
        JsonNode counts = api.get(EVENTS + "/counts", org.adminToken()).expect(200).data();
        assertThat(counts.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void badEventsAreRefusedNamingTheirFields() {
        Org org = registerOrganization();
        String token = org.adminToken();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(event("page_view"));
        }

        assertThat(api.post(EVENTS, token, Map.of("event_name", "No type")).expect(422).errorField())
                .isEqualTo("event_type");
        assertThat(api.post(EVENTS, token, event("Page View")).expect(422).errorField()).isEqualTo("event_type");
        assertThat(api.post(EVENTS, token, Map.of("events", List.of(event("a"), event("b", "occurred_at", "yesterday"))))
                .expect(422).errorField()).isEqualTo("events[1].occurred_at");
        assertThat(api.post(EVENTS, token, Map.of("events", List.of(event("a", "lead_id", "x")))).expect(422)
                .errorField()).isEqualTo("events[0].lead_id");
        assertThat(api.post(EVENTS, token, Map.of("events", tooMany)).expect(422).errorField()).isEqualTo("events");
        assertThat(api.post(EVENTS, token, Map.of("events", List.of())).expect(422).errorField()).isEqualTo("events");
        assertThat(api.post(EVENTS, token, event("a", "properties", List.of(1, 2))).expect(422).errorField())
                .isEqualTo("properties");
        assertThat(api.post(EVENTS, token, event("a", "entity_id", "42")).expect(422).errorField())
                .isEqualTo("entity_type");
        assertThat(api.post(EVENTS, token, event("a", "user_id", "0190a0d5-0000-7000-8000-000000000001"))
                .expect(422).errorField()).isEqualTo("user_id");
        assertThat(api.post(EVENTS, token, event("a", "occurred_at",
                isoAt(Instant.now().plus(1, ChronoUnit.HOURS)))).expect(422).errorField()).isEqualTo("occurred_at");
        assertThat(api.post(EVENTS, token, event("a", "occurred_at",
                isoAt(Instant.now().minus(40, ChronoUnit.DAYS)))).expect(422).errorField()).isEqualTo("occurred_at");
        assertThat(api.raw("POST", EVENTS, token, "application/json", "[1, 2]").expect(400).errorField())
                .isEqualTo("body");
        assertThat(api.get(EVENTS + "?date_from=2026-02-30", token).expect(400).errorField()).isEqualTo("date_from");
        assertThat(api.get(EVENTS + "/counts?date_from=2026-03-10&date_to=2026-03-01", token).expect(422)
                .errorField()).isEqualTo("date_to");
        assertThat(api.get(EVENTS + "?event_type=Bad%20Type", token).expect(422).errorField()).isEqualTo("event_type");
        assertThat(api.get(EVENTS + "/counts", token).expect(200).data().get("total").asLong()).isZero();
    }

    @Test
    void readingEventsAndManagingTheKeyNeedTheirPermissions() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        TestUser counselor = userWithRole(org, "counselor");

        api.post(EVENTS, null, event("page_view", "visitor_id", "v-1")).expect(401);
        api.get(EVENTS, counselor.token()).expect(403);
        api.get(EVENTS + "/counts", manager.token()).expect(403);
        api.get("/api/v1/analytics/public-key", manager.token()).expect(403);
        api.post("/api/v1/analytics/public-key", counselor.token(), Map.of()).expect(403);
        api.get(EVENTS, org.adminToken()).expect(200);
        api.post(EVENTS, manager.token(), event("report_opened")).expect(201);
    }

    @Test
    void aWebsiteRecordsEventsWithThePublicKeyFromAnAllowedOriginOnly() {
        Org org = registerOrganization();
        String key = issueKey(org, Map.of("allowed_origins", List.of(SITE + "/")));

        Response refusedPreflight = preflight(key, "https://evil.example");
        Response allowedPreflight = preflight(key, SITE);
        Response refused = fromWebsite(key, "https://evil.example", event("page_view", "visitor_id", "v-1"));
        Response allowed = fromWebsite(key, SITE, Map.of("events", List.of(
                event("page_view", "visitor_id", "v-1", "session_id", "w-1", "properties", Map.of("path", "/mba")),
                event("form_opened", "visitor_id", "v-1", "session_id", "w-1"))));

        assertThat(refusedPreflight.status()).isEqualTo(403);
        assertThat(refusedPreflight.http().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(allowedPreflight.status()).isEqualTo(200);
        assertThat(allowedPreflight.http().headers().firstValue("Access-Control-Allow-Origin")).contains(SITE);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.http().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(allowed.expect(201).data().get("recorded").asInt()).isEqualTo(2);
        assertThat(allowed.http().headers().firstValue("Access-Control-Allow-Origin")).contains(SITE);
        JsonNode listed = api.get(EVENTS + "?visitor_id=v-1", org.adminToken()).expect(200).data();
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("channel").asString()).isEqualTo("website");
        assertThat(listed.get(0).get("user_id").isNull()).isTrue();
        assertThat(fromWebsite(key, SITE, event("page_view")).expect(422).errorField()).isEqualTo("visitor_id");
        assertThat(fromWebsite(key, SITE, event("page_view", "visitor_id", "v-1", "user_id", org.adminId().toString()))
                .expect(422).errorField()).isEqualTo("user_id");
        fromWebsite("pk_" + "x".repeat(30), SITE, event("page_view", "visitor_id", "v-1")).expect(401);
    }

    @Test
    void aRotatedKeyRefusesTheOldOneAndARevokedKeyRefusesEverything() {
        Org org = registerOrganization();
        api.get("/api/v1/analytics/public-key", org.adminToken()).expect(404);
        String old = issueKey(org, Map.of("allowed_origins", List.of(SITE)));
        JsonNode updated = api.put("/api/v1/analytics/public-key", org.adminToken(),
                Map.of("allowed_origins", List.of(SITE, "https://apply.school.example"))).expect(200).data();
        assertThat(updated.get("public_key").asString()).isEqualTo(old);
        assertThat(api.put("/api/v1/analytics/public-key", org.adminToken(), Map.of("allowed_origins",
                List.of("not an origin"))).expect(422).errorField()).isEqualTo("allowed_origins[0]");

        String rotated = issueKey(org, Map.of());

        assertThat(rotated).isNotEqualTo(old);
        fromWebsite(old, SITE, event("page_view", "visitor_id", "v-1")).expect(401);
        fromWebsite(rotated, "https://apply.school.example", event("page_view", "visitor_id", "v-1")).expect(201);
        api.delete("/api/v1/analytics/public-key", org.adminToken()).expect(200);
        fromWebsite(rotated, SITE, event("page_view", "visitor_id", "v-1")).expect(401);
        api.get("/api/v1/analytics/public-key", org.adminToken()).expect(404);
    }

    @Test
    void aWebsiteIsHeldToTheKeysPerAddressLimit() {
        Org org = registerOrganization();
        String key = issueKey(org, Map.of("allowed_origins", List.of(SITE), "per_ip_per_minute", 2));

        fromWebsite(key, SITE, event("page_view", "visitor_id", "v-1")).expect(201);
        fromWebsite(key, SITE, event("page_view", "visitor_id", "v-1")).expect(201);
        Response third = fromWebsite(key, SITE, event("page_view", "visitor_id", "v-1"));

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.http().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void anotherOrganizationsEventsAndKeyAreNeverSeen() {
        Org mine = registerOrganization();
        Org theirs = registerOrganization();
        api.post(EVENTS, theirs.adminToken(), event("secret_event", "visitor_id", "v-9")).expect(201);
        issueKey(theirs, Map.of());

        assertThat(api.get(EVENTS, mine.adminToken()).expect(200).data()).isEmpty();
        assertThat(api.get(EVENTS + "?user_id=" + theirs.adminId(), mine.adminToken()).expect(200).data()).isEmpty();
        assertThat(api.get(EVENTS + "/counts", mine.adminToken()).expect(200).data().get("total").asLong()).isZero();
        api.get("/api/v1/analytics/public-key", mine.adminToken()).expect(404);
    }

    @Test
    void filtersSelectTheirEventsAndPagesCarryTheTotal() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        api.post(EVENTS, org.adminToken(), Map.of("events", List.of(
                event("lead_viewed", "entity_type", "lead", "entity_id", "L1", "session_id", "a"),
                event("lead_viewed", "entity_type", "lead", "entity_id", "L2", "session_id", "a"),
                event("page_view", "visitor_id", "v-7", "session_id", "b")))).expect(201);
        api.post(EVENTS, counselor.token(), event("page_view")).expect(201);

        assertThat(api.get(EVENTS + "?event_type=lead_viewed", org.adminToken()).data()).hasSize(2);
        assertThat(api.get(EVENTS + "?entity_type=lead&entity_id=L2", org.adminToken()).data()).hasSize(1);
        assertThat(api.get(EVENTS + "?visitor_id=v-7", org.adminToken()).data()).hasSize(1);
        assertThat(api.get(EVENTS + "?user_id=" + counselor.id(), org.adminToken()).data()).hasSize(1);
        assertThat(api.get(EVENTS + "?session_id=a", org.adminToken()).data()).hasSize(2);
        JsonNode page = api.get(EVENTS + "?limit=3&offset=0", org.adminToken()).expect(200).body();
        assertThat(page.get("data")).hasSize(3);
        assertThat(page.get("meta").get("total").asInt()).isEqualTo(4);
        assertThat(api.get(EVENTS + "?limit=3&offset=3", org.adminToken()).data()).hasSize(1);
        api.get(EVENTS + "?limit=500", org.adminToken()).expect(400);
        api.get(EVENTS + "?colour=red", org.adminToken()).expect(422);
    }

    @Test
    void countsByDayFollowTheOrganizationsTimeZoneAtMidnight() {
        Org org = registerOrganization();
        LocalDate day = LocalDate.now(KOLKATA).minusDays(2);
        Instant lastMoment = day.plusDays(1).atStartOfDay(KOLKATA).toInstant().minusSeconds(1);
        Instant midnight = day.plusDays(1).atStartOfDay(KOLKATA).toInstant();
        api.post(EVENTS, org.adminToken(), Map.of("events", List.of(
                event("page_view", "occurred_at", lastMoment.toString()),
                event("page_view", "occurred_at", isoAt(midnight)),
                event("form_opened", "occurred_at", isoAt(midnight))))).expect(201);

        JsonNode counts = api.get(EVENTS + "/counts?date_from=" + day + "&date_to=" + day.plusDays(1),
                org.adminToken()).expect(200).data();
        JsonNode firstDay = api.get(EVENTS + "?date_from=" + day + "&date_to=" + day, org.adminToken()).data();

        assertThat(counts.get("time_zone").asString()).isEqualTo("Asia/Kolkata");
        assertThat(counts.get("total").asLong()).isEqualTo(3);
        assertThat(counts.get("by_day")).hasSize(3);
        assertThat(counts.get("by_day").get(0).get("day").asString()).isEqualTo(day.toString());
        assertThat(counts.get("by_day").get(0).get("event_type").asString()).isEqualTo("page_view");
        assertThat(counts.get("by_day").get(0).get("count").asLong()).isEqualTo(1);
        assertThat(counts.get("by_day").get(1).get("day").asString()).isEqualTo(day.plusDays(1).toString());
        assertThat(counts.get("by_type").get(0).get("event_type").asString()).isEqualTo("page_view");
        assertThat(counts.get("by_type").get(0).get("count").asLong()).isEqualTo(2);
        assertThat(firstDay).hasSize(1);
        assertThat(api.get(EVENTS + "/counts?date_from=" + day + "&date_to=" + day + "&event_type=form_opened",
                org.adminToken()).data().get("total").asLong()).isZero();
    }

    @Test
    void countsEqualAPlainCountOfTheEventsPerLocalDay() {
        Org org = registerOrganization();
        Random random = new Random(14);
        String[] types = {"page_view", "form_opened", "lead_conversion", "search"};
        Instant now = Instant.now();
        for (int batch = 0; batch < 6; batch++) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Instant at = now.minusSeconds(random.nextInt(20 * 24 * 3600));
                events.add(event(types[random.nextInt(types.length)], "occurred_at", at.toString(),
                        "client_event_id", "g-" + random.nextInt(260)));
            }
            api.post(EVENTS, org.adminToken(), Map.of("events", events)).expect(201);
        }

        JsonNode counts = api.get(EVENTS + "/counts?date_from=" + LocalDate.now(KOLKATA).minusDays(25),
                org.adminToken()).expect(200).data();

        Map<String, Long> answered = new TreeMap<>();
        counts.get("by_day").forEach(d -> answered.put(d.get("day").asString() + " " + d.get("event_type").asString(),
                d.get("count").asLong()));
        Map<String, Long> plain = new TreeMap<>();
        tenancy.runAs(org.id(), () -> db.fetch("select (occurred_at at time zone 'Asia/Kolkata')::date as day, "
                + "event_type, count(*) from analytics_events group by 1, 2").forEach(r ->
                plain.put(r.get(0, LocalDate.class) + " " + r.get(1, String.class), r.get(2, Long.class))));
        assertThat(answered).isEqualTo(plain);
        assertThat(counts.get("total").asLong()).isEqualTo(plain.values().stream().mapToLong(Long::longValue).sum());
    }
}
