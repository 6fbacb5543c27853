package com.educonsult.crm.messaging.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.OutgoingMessage;
import com.educonsult.crm.messaging.SendOutcome;
import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.FakeProviders;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The WhatsApp channel adapter against a fake Cloud API: what it sends and what each answer becomes. */
class WhatsAppAdapterTests extends ApiTest {

    @Autowired
    WhatsAppAdapter adapter;

    @Test
    void aTextMessageIsSentWithTheTokenAndAnswersWhatsAppsMessageId() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        WhatsAppFakes.acceptsMessages(number, "wamid.sent-1");
        assertThat(adapter.configuredFor(org.id())).isTrue();
        SendOutcome outcome = adapter.send(message(org, "Hello from the consultancy", null, List.of()));
        assertThat(outcome).isEqualTo(SendOutcome.sent("wamid.sent-1"));
        FakeProviders.server().verify(postRequestedFor(urlPathEqualTo(WhatsAppFakes.BASE + "/"
                + number.phoneNumberId() + "/messages"))
                .withHeader("Authorization", equalTo("Bearer " + number.token()))
                .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"to\":\"919812345678\",\"type\":\"text\",\"text\":{\"preview_url\":false,"
                        + "\"body\":\"Hello from the consultancy\"}}")));
    }

    @Test
    void aTemplateIsSentWithItsLanguageAndBodyParameters() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        WhatsAppFakes.acceptsMessages(number, "wamid.sent-2");
        SendOutcome outcome = adapter.send(message(org, null, "follow_up", List.of("Asha", "Fall 2027")));
        assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.SENT);
        FakeProviders.server().verify(postRequestedFor(urlPathEqualTo(WhatsAppFakes.BASE + "/"
                + number.phoneNumberId() + "/messages"))
                .withRequestBody(equalToJson("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                        + "\"to\":\"919812345678\",\"type\":\"template\",\"template\":{\"name\":\"follow_up\","
                        + "\"language\":{\"code\":\"en\"},\"components\":[{\"type\":\"body\",\"parameters\":["
                        + "{\"type\":\"text\",\"text\":\"Asha\"},{\"type\":\"text\",\"text\":\"Fall 2027\"}]}]}}")));
    }

    @Test
    void aServerErrorOrARateLimitIsTriedAgainLater() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        WhatsAppFakes.refusesMessages(number, 503, "{\"error\":{\"message\":\"Service unavailable\",\"code\":2}}");
        assertThat(adapter.send(message(org, "Hi", null, List.of())).kind()).isEqualTo(SendOutcome.Kind.RETRY);
        WhatsAppFakes.refusesMessages(number, 400, "{\"error\":{\"message\":\"Rate limit hit\",\"code\":130429}}");
        assertThat(adapter.send(message(org, "Hi", null, List.of())).kind()).isEqualTo(SendOutcome.Kind.RETRY);
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsTriedAgainLater() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        WhatsAppFakes.answersSlowly(number);
        SendOutcome outcome = adapter.send(message(org, "Hi", null, List.of()));
        assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.RETRY);
        assertThat(outcome.error()).contains("did not answer");
    }

    @Test
    void theClosedWindowAndAnUndeliverableNumberFailTheMessageWithTheReason() {
        Org org = registerOrganization();
        WhatsAppFakes.Number number = WhatsAppFakes.connect(api, org.adminToken());
        WhatsAppFakes.refusesMessages(number, 400, "{\"error\":{\"message\":\"Re-engagement message\","
                + "\"code\":131047,\"error_data\":{\"details\":\"Message failed to send because more than 24 hours "
                + "have passed\"}}}");
        SendOutcome window = adapter.send(message(org, "Hi", null, List.of()));
        assertThat(window.kind()).isEqualTo(SendOutcome.Kind.REJECTED);
        assertThat(window.error()).contains("24 hours");
        WhatsAppFakes.refusesMessages(number, 400, "{\"error\":{\"message\":\"Message undeliverable\","
                + "\"code\":131026}}");
        SendOutcome undeliverable = adapter.send(message(org, "Hi", null, List.of()));
        assertThat(undeliverable.kind()).isEqualTo(SendOutcome.Kind.REJECTED);
        assertThat(undeliverable.error()).contains("not be on WhatsApp");
    }

    @Test
    void anOrganizationWithoutWhatsAppIsNotConfigured() {
        Org org = registerOrganization();
        assertThat(adapter.configuredFor(org.id())).isFalse();
    }

    private static OutgoingMessage message(Org org, String text, String template, List<String> parameters) {
        return new OutgoingMessage(org.id(), UUID.randomUUID(), UUID.randomUUID(), Channel.WHATSAPP, "+919812345678",
                null, null, text, null, template, template == null ? null : "en", parameters, List.of(), Map.of(),
                false);
    }
}
