package com.educonsult.crm.integrations.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Meta lead ads end to end: Meta's handshake and signed deliveries, the job that fetches each lead from the (fake)
 * Graph API and takes it in, failures with their reasons, retries and replay, and the admin API of pages, forms
 * and deliveries.
 */
class MetaLeadAdsTests extends ApiTest {

    private static final String BASE = "/api/v1/admin/integrations/facebook";

    // ---- the webhook -------------------------------------------------------------------------------------

    @Test
    void theHandshakeEchoesTheChallengeWhenTheVerifyTokenIsTheConfiguredOne() {
        Response answer = api.get("/webhooks/facebook?hub.mode=subscribe&hub.verify_token=" + MetaFakes.VERIFY_TOKEN
                + "&hub.challenge=1158201444", null).expect(200);
        assertThat(answer.raw()).isEqualTo("1158201444");
        assertThat(answer.http().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }

    @Test
    void theHandshakeWithAWrongVerifyTokenIsRefused() {
        api.get("/webhooks/facebook?hub.mode=subscribe&hub.verify_token=guessed&hub.challenge=42", null).expect(403);
        api.get("/webhooks/facebook?hub.mode=unsubscribe&hub.verify_token=" + MetaFakes.VERIFY_TOKEN
                + "&hub.challenge=42", null).expect(403);
    }

    @Test
    void aDeliveryWithoutOrWithABadSignatureIsRefusedAndNothingIsStored() {
        String leadgenId = MetaFakes.id();
        String body = MetaFakes.delivery(MetaFakes.id(), MetaFakes.id(), leadgenId);

        deliver(body, null).expect(401);
        deliver(body, "sha256=" + "0".repeat(64)).expect(401);
        deliver(body, MetaFakes.signature(body.getBytes(StandardCharsets.UTF_8), "another-secret")).expect(401);
        deliver(body, "sha256=not-hex").expect(401);
        deliver(body + " ", MetaFakes.signature(body)).expect(401);

        assertThat(storedDeliveriesMentioning(leadgenId)).isZero();
    }

    @Test
    void malformedAndOversizedDeliveriesAreRefusedWithoutStoringAnything() {
        String notJson = "{\"object\":\"page\",\"entry\":[{";
        deliver(notJson, MetaFakes.signature(notJson)).expect(400);
        String notADelivery = "[1,2,3]";
        deliver(notADelivery, MetaFakes.signature(notADelivery)).expect(400);
        String leadgenId = MetaFakes.id();
        String oversized = MetaFakes.delivery(MetaFakes.id(), MetaFakes.id(), leadgenId).replace("\"page\"",
                "\"page\",\"padding\":\"" + "x".repeat(1_200_000) + "\"");
        deliver(oversized, MetaFakes.signature(oversized)).expect(413);

        assertThat(storedDeliveriesMentioning(leadgenId)).isZero();
    }

    @Test
    void aDeliveryForAPageNoOrganizationConnectedIsStoredAndMarkedFailedWithTheReason() {
        String pageId = MetaFakes.id();
        String leadgenId = MetaFakes.id();
        String body = MetaFakes.delivery(pageId, MetaFakes.id(), leadgenId);

        JsonNode accepted = deliver(body, MetaFakes.signature(body)).expect(200).data();

        assertThat(accepted.get("lead_changes").asInt()).isEqualTo(1);
        String id = accepted.get("delivery_id").asString();
        waitFor("the delivery to be routed", () -> !"received".equals(deliveryStatus(id)));
        assertThat(deliveryStatus(id)).isEqualTo("failed");
        assertThat(db.fetchValue("select reason from meta_webhook_deliveries where id = ?::uuid", id))
                .isEqualTo("no organization has connected page " + pageId);
    }

    // ---- leads ---------------------------------------------------------------------------------------------

    @Test
    void aDeliveredLeadIsFetchedMappedAndTakenInOnceEvenWhenMetaSendsTheDeliveryTwice() {
        Org org = registerOrganization();
        MetaFakes.FakePage page = connect(org, "Bright Futures Overseas");
        String leadgenId = MetaFakes.id();
        MetaFakes.lead(page, leadgenId, "Priya Sharma", "+91 98765 12345", "priya@example.com", "Pune", "MBA in Canada");
        String body = MetaFakes.delivery(page.pageId(), page.formId(), leadgenId);

        deliver(body, MetaFakes.signature(body)).expect(200);
        deliver(body, MetaFakes.signature(body)).expect(200);

        JsonNode delivery = waitForDelivery(org, leadgenId, d -> "processed".equals(d.get("status").asString()));
        assertThat(delivery.get("lead_created").asBoolean()).isTrue();
        assertThat(delivery.get("platform").asString()).isEqualTo("facebook");
        JsonNode lead = api.get("/api/v1/leads/" + delivery.get("lead_id").asString(), org.adminToken()).expect(200)
                .data();
        assertThat(lead.get("first_name").asString()).isEqualTo("Priya");
        assertThat(lead.get("last_name").asString()).isEqualTo("Sharma");
        assertThat(lead.get("phone").asString()).isEqualTo("+919876512345");
        assertThat(lead.get("email").asString()).isEqualTo("priya@example.com");
        assertThat(lead.get("city").asString()).isEqualTo("Pune");
        assertThat(lead.get("platform").asString()).isEqualTo("facebook");
        assertThat(lead.get("source_lead_id").asString()).isEqualTo(leadgenId);
        assertThat(lead.get("page_id").asString()).isEqualTo(page.pageId());
        assertThat(lead.get("form_id").asString()).isEqualTo(page.formId());
        assertThat(lead.get("ad_id").asString()).isEqualTo("6001" + leadgenId.substring(4));
        assertThat(lead.get("campaign_id").asString()).isEqualTo("6002" + leadgenId.substring(4));
        assertThat(lead.get("consent_at").asString()).startsWith("2026-11-20T10:15:30");
        assertThat(lead.get("source_details").asString()).contains("which_course: MBA in Canada");

        assertThat(deliveries(org, null).size()).isEqualTo(1);
        waitFor("Meta's second delivery to be routed", () -> storedDeliveriesMentioning(leadgenId) == 2
                && db.fetchCount(db.selectFrom("meta_webhook_deliveries").where("status = 'received'")
                        .and("payload like ?", "%" + leadgenId + "%")) == 0);
        assertThat(leadsWithSourceLeadId(org, leadgenId)).isEqualTo(1);
        JsonNode logs = api.get("/api/v1/integration-logs?type=facebook", org.adminToken()).expect(200).data();
        assertThat(logs.valueStream().map(l -> l.get("direction").asString())).contains("inbound", "outbound");
    }

    @Test
    void anInstagramLeadIsTakenInAsAnInstagramLead() {
        Org org = registerOrganization();
        MetaFakes.FakePage page = connect(org, "Insta Admissions");
        String leadgenId = MetaFakes.id();
        MetaFakes.lead(page, leadgenId, "Rahul Verma", "+91 98111 22233", "rahul@example.com", "Delhi", "BSc", "ig");
        String body = MetaFakes.platformDelivery(page.pageId(), page.formId(), "instagram", leadgenId);

        deliver(body, MetaFakes.signature(body)).expect(200);

        JsonNode delivery = waitForDelivery(org, leadgenId, d -> "processed".equals(d.get("status").asString()));
        assertThat(delivery.get("platform").asString()).isEqualTo("instagram");
        JsonNode lead = api.get("/api/v1/leads/" + delivery.get("lead_id").asString(), org.adminToken()).expect(200)
                .data();
        assertThat(lead.get("platform").asString()).isEqualTo("instagram");
    }

    @Test
    void aRepeatLeadWithTheSamePhoneUpdatesTheExistingLeadAndGoesOnItsTimelineAsAnEnquiry() {
        Org org = registerOrganization();
        MetaFakes.FakePage page = connect(org, "Repeat Enquiries");
        String first = MetaFakes.id();
        String second = MetaFakes.id();
        MetaFakes.lead(page, first, "Anita Rao", "+91 97000 11122", "anita@example.com", "Chennai", "MS");
        MetaFakes.lead(page, second, "Anita Rao", "097000 11122", "anita.rao@example.com", "Chennai", "MS in Germany");
        String one = MetaFakes.delivery(page.pageId(), page.formId(), first);
        deliver(one, MetaFakes.signature(one)).expect(200);
        JsonNode created = waitForDelivery(org, first, d -> "processed".equals(d.get("status").asString()));

        String two = MetaFakes.delivery(page.pageId(), page.formId(), second);
        deliver(two, MetaFakes.signature(two)).expect(200);
        JsonNode repeated = waitForDelivery(org, second, d -> "processed".equals(d.get("status").asString()));

        assertThat(repeated.get("lead_created").asBoolean()).isFalse();
        assertThat(repeated.get("lead_id").asString()).isEqualTo(created.get("lead_id").asString());
        JsonNode timeline = api.get("/api/v1/leads/" + created.get("lead_id").asString() + "/timeline",
                org.adminToken()).expect(200).data();
        assertThat(timeline.toString()).contains("enquiry");
    }

    @Test
    void aFormsMappingDecidesWhichFieldAQuestionFills() {
        Org org = registerOrganization();
        MetaFakes.FakePage page = connect(org, "Mapped Forms");
        JsonNode form = api.get(BASE + "/forms/" + page.formId(), org.adminToken()).expect(200).data();
        assertThat(form.get("customized").asBoolean()).isFalse();
        assertThat(question(form, "full_name").get("target").asString()).isEqualTo("full_name");
        assertThat(question(form, "which_course").get("target").isNull()).isTrue();

        api.put(BASE + "/forms/" + page.formId() + "/mapping", org.adminToken(), Map.of("mapping",
                Map.of("which_course", "intake_preference", "city", "ignore"))).expect(200);
        assertThat(api.put(BASE + "/forms/" + page.formId() + "/mapping", org.adminToken(), Map.of("mapping",
                Map.of("which_course", "shoe_size"))).expect(422).errorField()).isEqualTo("mapping.which_course");
        assertThat(api.put(BASE + "/forms/" + page.formId() + "/mapping", org.adminToken(), Map.of("mapping",
                Map.of("favourite_colour", "city"))).expect(422).errorField()).isEqualTo("mapping.favourite_colour");

        String leadgenId = MetaFakes.id();
        MetaFakes.lead(page, leadgenId, "Kiran Das", "+91 96000 33344", "kiran@example.com", "Kochi", "Fall 2027");
        String body = MetaFakes.delivery(page.pageId(), page.formId(), leadgenId);
        deliver(body, MetaFakes.signature(body)).expect(200);

        JsonNode delivery = waitForDelivery(org, leadgenId, d -> "processed".equals(d.get("status").asString()));
        JsonNode lead = api.get("/api/v1/leads/" + delivery.get("lead_id").asString(), org.adminToken()).expect(200)
                .data();
        assertThat(lead.get("intake_preference").asString()).isEqualTo("Fall 2027");
        assertThat(lead.get("city").isNull()).isTrue();
        JsonNode targets = api.get(BASE + "/mapping-targets", org.adminToken()).expect(200).data();
        assertThat(targets.valueStream().map(t -> t.get("value").asString())).contains("phone", "ignore");
    }

    // ---- failures, retries, replay ----------------------------------------------------------------------

    @Test
    void graphErrorsFailTheLeadWithTheReasonAreRetriedWithBackoffAndAReplayTakesItIn() {
        Org org = registerOrganization();
        MetaFakes.FakePage page = connect(org, "Failing Graph");
        String serverError = MetaFakes.id();
        String clientError = MetaFakes.id();
        MetaFakes.leadFails(serverError, 500, 0);
        MetaFakes.leadFails(clientError, 400, 0);
        String body = MetaFakes.delivery(page.pageId(), page.formId(), serverError, clientError);

        deliver(body, MetaFakes.signature(body)).expect(200);

        JsonNode failed = waitForDelivery(org, serverError, d -> d.get("attempts").asInt() == 3);
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("reason").asString()).contains("500").contains("Unsupported get request");
        assertThat(failed.get("next_attempt_at").isNull()).as("no attempt after the last").isTrue();
        JsonNode refused = waitForDelivery(org, clientError, d -> d.get("attempts").asInt() == 3);
        assertThat(refused.get("reason").asString()).contains("400");
        assertThat(api.get(BASE + "/deliveries?status=failed", org.adminToken()).expect(200).data().size())
                .isEqualTo(2);
        JsonNode integration = api.get("/api/v1/admin/integrations", org.adminToken()).expect(200).data()
                .valueStream().filter(i -> i.get("type").asString().equals("facebook")).findFirst().orElseThrow();
        assertThat(integration.get("status").asString()).isEqualTo("error");
        assertThat(integration.get("last_error").asString()).containsAnyOf(serverError, clientError);

        MetaFakes.lead(page, serverError, "Late Arrival", "+91 95000 55566", "late@example.com", "Goa", "BBA");
        api.post(BASE + "/deliveries/" + failed.get("id").asString() + "/replay", org.adminToken(), Map.of())
                .expect(200);
        JsonNode replayed = waitForDelivery(org, serverError, d -> "processed".equals(d.get("status").asString()));
        assertThat(replayed.get("lead_id").isNull()).isFalse();
        api.post(BASE + "/deliveries/" + failed.get("id").asString() + "/replay", org.adminToken(), Map.of())
                .expect(409);

        MetaFakes.lead(page, clientError, "Second Chance", "+91 95000 77788", "second@example.com", "Goa", "BCom");
        assertThat(api.post(BASE + "/deliveries/replay-failed", org.adminToken(), Map.of()).expect(200).data()
                .get("replayed").asInt()).isEqualTo(1);
        waitForDelivery(org, clientError, d -> "processed".equals(d.get("status").asString()));
    }

    @Test
    void aGraphApiThatDoesNotAnswerInTimeFailsTheLeadWithTheReason() {
        Org org = registerOrganization();
        MetaFakes.FakePage page = connect(org, "Slow Graph");
        String slow = MetaFakes.id();
        MetaFakes.leadFails(slow, 200, 3_000);
        String body = MetaFakes.delivery(page.pageId(), page.formId(), slow);

        deliver(body, MetaFakes.signature(body)).expect(200);

        JsonNode failed = waitForDelivery(org, slow, d -> "failed".equals(d.get("status").asString()));
        assertThat(failed.get("reason").asString()).contains("did not answer within 2000 ms");
        assertThat(failed.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
    }

    // ---- the admin API -------------------------------------------------------------------------------------

    @Test
    void connectingListsThePagesWithTheirFormsAndTheRegistryShowsFacebookConnected() {
        Org org = registerOrganization();
        MetaFakes.FakePage page = connect(org, "Global Pathways");

        JsonNode pages = api.get(BASE + "/pages", org.adminToken()).expect(200).data();
        assertThat(pages.size()).isEqualTo(1);
        assertThat(pages.get(0).get("page_id").asString()).isEqualTo(page.pageId());
        assertThat(pages.get(0).get("name").asString()).isEqualTo("Global Pathways");
        assertThat(pages.get(0).get("subscribed").asBoolean()).isTrue();
        assertThat(pages.get(0).get("forms").asInt()).isEqualTo(1);
        assertThat(pages.toString()).doesNotContain(page.pageToken());
        JsonNode forms = api.get(BASE + "/pages/" + page.pageId() + "/forms", org.adminToken()).expect(200).data();
        assertThat(forms.get(0).get("name").asString()).isEqualTo("Study abroad 2027");
        assertThat(forms.get(0).get("questions").size()).isEqualTo(5);
        String stored = tenancy.callAs(org.id(), () -> db.fetchValue(
                "select access_token from meta_pages where page_id = ?", page.pageId()).toString());
        assertThat(stored).doesNotContain(page.pageToken());
        JsonNode setup = api.get(BASE + "/setup", org.adminToken()).expect(200).data();
        assertThat(setup.get("webhook_url").asString()).endsWith("/webhooks/facebook");
        assertThat(setup.get("webhook_configured").asBoolean()).isTrue();

        com.educonsult.crm.support.FakeProviders.server().stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(MetaFakes.GRAPH + "/me"))
                        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                                "Bearer " + page.pageToken()))
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                                "{\"id\":\"" + page.pageId() + "\",\"name\":\"Global Pathways\"}")));
        assertThat(api.post("/api/v1/admin/integrations/facebook/test", org.adminToken(), Map.of()).expect(200)
                .data().get("ok").asBoolean()).isTrue();

        api.delete("/api/v1/admin/integrations/facebook/disconnect", org.adminToken()).expect(200);
        assertThat(api.get(BASE + "/pages", org.adminToken()).expect(200).data().size()).isZero();
    }

    @Test
    void aTokenMetaRefusesOrAPageTheUserDoesNotManageIsRefusedNamingTheField() {
        Org org = registerOrganization();
        MetaFakes.FakePage page = MetaFakes.page("Refusals");
        com.educonsult.crm.support.FakeProviders.server().stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(MetaFakes.GRAPH
                                + "/oauth/access_token"))
                        .withQueryParam("fb_exchange_token", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                                "expired-" + page.pageId()))
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\":{\"message\":\"Error validating access token\"}}")));

        assertThat(api.post(BASE + "/connect", org.adminToken(), Map.of("user_access_token", "expired-"
                + page.pageId())).expect(422).errorField()).isEqualTo("user_access_token");
        assertThat(api.post(BASE + "/connect", org.adminToken(), Map.of("user_access_token", page.userToken(),
                "page_ids", List.of(MetaFakes.id()))).expect(422).errorField()).isEqualTo("page_ids");
        assertThat(api.post(BASE + "/connect", org.adminToken(), Map.of()).expect(422).errorField())
                .isEqualTo("user_access_token");
    }

    @Test
    void anotherOrganizationsPagesFormsAndDeliveriesAreNotFound() {
        Org org = registerOrganization();
        MetaFakes.FakePage page = connect(org, "Private Page");
        String leadgenId = MetaFakes.id();
        MetaFakes.lead(page, leadgenId, "Meera Iyer", "+91 94000 12121", "meera@example.com", "Mysuru", "MBA");
        String body = MetaFakes.delivery(page.pageId(), page.formId(), leadgenId);
        deliver(body, MetaFakes.signature(body)).expect(200);
        String deliveryId = waitForDelivery(org, leadgenId, d -> "processed".equals(d.get("status").asString()))
                .get("id").asString();
        Org other = registerOrganization();

        api.get(BASE + "/pages/" + page.pageId(), other.adminToken()).expect(404);
        api.get(BASE + "/pages/" + page.pageId() + "/forms", other.adminToken()).expect(404);
        api.delete(BASE + "/pages/" + page.pageId(), other.adminToken()).expect(404);
        api.get(BASE + "/forms/" + page.formId(), other.adminToken()).expect(404);
        api.put(BASE + "/forms/" + page.formId() + "/mapping", other.adminToken(), Map.of("mapping",
                Map.of("city", "ignore"))).expect(404);
        api.get(BASE + "/deliveries/" + deliveryId, other.adminToken()).expect(404);
        api.post(BASE + "/deliveries/" + deliveryId + "/replay", other.adminToken(), Map.of()).expect(404);
        assertThat(api.get(BASE + "/deliveries", other.adminToken()).expect(200).data().size()).isZero();
        // the page belongs to the first organization: the other cannot take it over
        MetaFakes.FakePage same = new MetaFakes.FakePage(page.pageId(), page.name(), page.pageToken(),
                page.userToken(), page.formId());
        assertThat(api.post(BASE + "/connect", other.adminToken(), Map.of("user_access_token", same.userToken()))
                .expect(409).errorField()).isEqualTo("page_ids");
        TestUser counselor = userWithRole(org, "counselor");
        api.get(BASE + "/deliveries", counselor.token()).expect(403);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private MetaFakes.FakePage connect(Org org, String name) {
        MetaFakes.FakePage page = MetaFakes.page(name);
        JsonNode pages = api.post(BASE + "/connect", org.adminToken(), Map.of("user_access_token", page.userToken()))
                .expect(200).data();
        assertThat(pages.valueStream().map(p -> p.get("page_id").asString())).contains(page.pageId());
        return page;
    }

    private Response deliver(String body, String signature) {
        HttpRequest.Builder request = api.builder("/webhooks/facebook", null).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return api.send(request, body.length() > 100_000 ? null : body);
    }

    private int storedDeliveriesMentioning(String leadgenId) {
        return db.fetchCount(db.selectFrom("meta_webhook_deliveries").where("payload like ?", "%" + leadgenId + "%"));
    }

    private String deliveryStatus(String id) {
        return (String) db.fetchValue("select status from meta_webhook_deliveries where id = ?::uuid", id);
    }

    private int leadsWithSourceLeadId(Org org, String leadgenId) {
        return tenancy.callAs(org.id(), () -> db.fetchCount(db.selectFrom("leads").where("source_lead_id = ?",
                leadgenId)));
    }

    private JsonNode deliveries(Org org, String status) {
        return api.get(BASE + "/deliveries" + (status == null ? "" : "?status=" + URLEncoder.encode(status,
                StandardCharsets.UTF_8)), org.adminToken()).expect(200).data();
    }

    private JsonNode waitForDelivery(Org org, String leadgenId, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode delivery : deliveries(org, null)) {
                if (delivery.get("leadgen_id").asString().equals(leadgenId)) {
                    last = delivery;
                    if (done.test(delivery)) {
                        return delivery;
                    }
                }
            }
            sleep(200);
        }
        throw new AssertionError("The lead " + leadgenId + " did not get there in time; last seen: " + last);
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("Waited in vain for " + what);
    }

    private static JsonNode question(JsonNode form, String key) {
        return form.get("questions").valueStream().filter(q -> q.get("key").asString().equals(key)).findFirst()
                .orElseThrow();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
