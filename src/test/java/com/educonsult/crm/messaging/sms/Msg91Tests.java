package com.educonsult.crm.messaging.sms;

import static com.educonsult.crm.jooq.Tables.COMMUNICATIONS;
import static com.educonsult.crm.jooq.Tables.PROVIDER_CALLBACKS;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.Communications;
import com.educonsult.crm.messaging.NewMessage;
import com.educonsult.crm.messaging.OutgoingMessage;
import com.educonsult.crm.messaging.SendOutcome;
import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.FakeProviders;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** SMS through MSG91 against a fake MSG91: sending by DLT template, and delivery reports at the token address. */
class Msg91Tests extends ApiTest {

    @Autowired
    Msg91Adapter adapter;

    @Autowired
    Communications communications;

    @Test
    void aTemplateMessageCarriesItsTemplateSenderAndDltIdsAndAnswersMsg91sRequestId() {
        Org org = registerOrganization();
        String key = connect(org);
        String requestId = "3365" + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        FakeProviders.server().stubFor(post(urlPathEqualTo("/msg91/api/v5/flow/"))
                .withHeader("authkey", equalTo(key))
                .willReturn(okJson("{\"type\":\"success\",\"message\":\"" + requestId + "\"}")));
        SendOutcome outcome = adapter.send(new OutgoingMessage(org.id(), UUID.randomUUID(), UUID.randomUUID(),
                Channel.SMS, "+919812345678", "EDUCON", null, "Hi Asha", null, "6501abc", null,
                List.of("Asha", "Monday"), List.of(), Map.of("dlt_template_id", "1107160000000012345"), false));
        assertThat(outcome).isEqualTo(SendOutcome.sent(requestId));
        FakeProviders.server().verify(postRequestedFor(urlPathEqualTo("/msg91/api/v5/flow/"))
                .withHeader("authkey", equalTo(key))
                .withRequestBody(equalToJson("{\"template_id\":\"6501abc\",\"sender\":\"EDUCON\","
                        + "\"DLT_TE_ID\":\"1107160000000012345\",\"short_url\":\"0\",\"recipients\":[{\"mobiles\":"
                        + "\"919812345678\",\"VAR1\":\"Asha\",\"VAR2\":\"Monday\"}]}")));
    }

    @Test
    void msg91ServerErrorsAreTriedAgainAndRefusalsFailTheMessage() {
        Org org = registerOrganization();
        String key = connect(org);
        FakeProviders.server().stubFor(post(urlPathEqualTo("/msg91/api/v5/flow/")).withHeader("authkey", equalTo(key))
                .willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        assertThat(adapter.send(sms(org, "t-1")).kind()).isEqualTo(SendOutcome.Kind.RETRY);
        FakeProviders.server().stubFor(post(urlPathEqualTo("/msg91/api/v5/flow/")).withHeader("authkey", equalTo(key))
                .willReturn(okJson("{\"type\":\"error\",\"message\":\"Template id is not valid\"}").withStatus(400)));
        SendOutcome refused = adapter.send(sms(org, "t-1"));
        assertThat(refused.kind()).isEqualTo(SendOutcome.Kind.REJECTED);
        assertThat(refused.error()).contains("Template id is not valid");
    }

    @Test
    void deliveryReportsAtTheOrganizationsAddressMoveTheMessageAndUnknownOrRepeatedReportsAreHarmless() {
        Org org = registerOrganization();
        connect(org);
        String url = api.get("/api/v1/admin/sms/callback-url", org.adminToken()).expect(200).data().get("url")
                .asString();
        String path = URI.create(url).getPath();
        String requestId = "req-" + UUID.randomUUID();
        UUID communication = tenancy.callAs(org.id(), () -> {
            UUID id = communications.enqueue(org.id(), List.of(new NewMessage(null, Channel.SMS, "+919812345678",
                    null, "Your visa interview is on Monday", null, null, "6501abc", null, List.of(), null, false,
                    org.adminId()))).getFirst();
            db.update(COMMUNICATIONS).set(COMMUNICATIONS.PROVIDER_MESSAGE_ID, requestId)
                    .set(COMMUNICATIONS.STATUS, "sent").where(COMMUNICATIONS.ID.eq(id)).execute();
            return id;
        });
        String v2 = "[{\"senderId\":\"EDUCON\",\"requestId\":\"" + requestId + "\",\"report\":[{\"date\":"
                + "\"2026-12-03 10:06:20\",\"number\":\"919812345678\",\"status\":\"1\",\"desc\":\"DELIVERED\"}],"
                + "\"userId\":\"1\",\"campaignName\":\"API\"}]";
        String form = "data=" + java.net.URLEncoder.encode(v2, java.nio.charset.StandardCharsets.UTF_8);
        api.raw("POST", path, null, "application/x-www-form-urlencoded", form).expect(200);
        api.raw("POST", path, null, "application/x-www-form-urlencoded", form).expect(200);
        api.raw("POST", path, null, "application/json", "{\"requestId\":\"unknown-" + UUID.randomUUID()
                + "\",\"status\":\"2\",\"desc\":\"FAILED\"}").expect(200);
        waitFor(() -> tenancy.callAs(org.id(), () -> db.fetchCount(PROVIDER_CALLBACKS,
                PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(org.id()), PROVIDER_CALLBACKS.STATUS.eq("processed"))) == 3);
        assertThat(tenancy.callAs(org.id(), () -> db.select(COMMUNICATIONS.STATUS).from(COMMUNICATIONS)
                .where(COMMUNICATIONS.ID.eq(communication)).fetchOne(COMMUNICATIONS.STATUS))).isEqualTo("delivered");
    }

    @Test
    void aStudentWhoTextsStopIsOptedOutOfSms() {
        Org org = registerOrganization();
        connect(org);
        String path = URI.create(api.get("/api/v1/admin/sms/callback-url", org.adminToken()).expect(200).data()
                .get("url").asString()).getPath();
        String number = "98" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        api.raw("POST", path + "/inbound", null, "application/x-www-form-urlencoded",
                "number=91" + number + "&message=Stop&requestId=in-1").expect(200);
        waitFor(() -> Boolean.TRUE.equals(tenancy.callAs(org.id(), () -> db.select(
                com.educonsult.crm.jooq.Tables.MESSAGE_CONSENTS.OPTED_OUT).from(
                com.educonsult.crm.jooq.Tables.MESSAGE_CONSENTS).where(
                com.educonsult.crm.jooq.Tables.MESSAGE_CONSENTS.ORGANIZATION_ID.eq(org.id()),
                com.educonsult.crm.jooq.Tables.MESSAGE_CONSENTS.CHANNEL.eq("sms"),
                com.educonsult.crm.jooq.Tables.MESSAGE_CONSENTS.ADDRESS.eq("+91" + number))
                .fetchOne(com.educonsult.crm.jooq.Tables.MESSAGE_CONSENTS.OPTED_OUT))));
    }

    @Test
    void aReportAtAnUnknownAddressIsNotFoundAndNothingIsStored() {
        api.raw("POST", "/webhooks/sms/msg91/not-a-known-token-at-all-000", null, "application/json",
                "{\"requestId\":\"x\",\"status\":\"1\"}").expect(404);
    }

    @Test
    void theConnectionTestAsksMsg91ForTheBalance() {
        Org org = registerOrganization();
        String key = connect(org);
        FakeProviders.server().stubFor(get(urlPathEqualTo("/msg91/api/balance.php"))
                .withQueryParam("authkey", equalTo(key)).willReturn(aResponse().withStatus(200).withBody("1520")));
        var tested = api.post("/api/v1/admin/integrations/sms/test", org.adminToken(), Map.of()).expect(200).data();
        assertThat(tested.toString()).contains("1520");
    }

    private String connect(Org org) {
        String key = "authkey-" + UUID.randomUUID();
        api.post("/api/v1/admin/integrations/sms/connect", org.adminToken(), Map.of("credentials",
                Map.of("auth_key", key, "sender_id", "EDUCON"))).expect(200);
        return key;
    }

    private static OutgoingMessage sms(Org org, String template) {
        return new OutgoingMessage(org.id(), UUID.randomUUID(), UUID.randomUUID(), Channel.SMS, "+919812345678", null,
                null, "Hi", null, template, null, List.of(), List.of(), Map.of(), false);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("Waited in vain");
    }
}
