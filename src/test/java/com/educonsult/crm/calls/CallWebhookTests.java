package com.educonsult.crm.calls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.FakeProviders;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The calls module's changes reach outgoing webhooks: a synced call matched to a lead, an uploaded recording. */
class CallWebhookTests extends RecordingApiTest {

    @Test
    void aSyncedCallAndItsUploadedRecordingAreDeliveredToTheWebhook() throws Exception {
        Org org = registerOrganization();
        String path = "/hooks/" + UUID.randomUUID();
        FakeProviders.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String webhookId = api.post("/api/v1/admin/integrations/webhooks", org.adminToken(), Map.of(
                "url", FakeProviders.baseUrl() + path, "events", List.of("call.synced", "recording.uploaded")))
                .expect(201).data().get("webhook").get("id").asString();
        UUID leadId = createLead(org.adminToken(), "Ravi", "9876501234");

        UUID callId = callOf(org.adminToken(), "9876501234");
        UUID recordingId = uploadedRecording(org.adminToken(), callId, audio(2000));

        JsonNode log = api.get("/api/v1/admin/integrations/webhooks/" + webhookId + "/deliveries", org.adminToken())
                .expect(200).data();
        assertThat(log).hasSize(2);
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        for (JsonNode delivery : log) {
            byType.put(delivery.get("event_type").asString(), api.get("/api/v1/admin/integrations/webhooks/"
                    + webhookId + "/deliveries/" + delivery.get("id").asString(), org.adminToken()).expect(200)
                    .data().get("payload").get("data"));
        }
        assertThat(byType.get("call.synced").get("id").asString()).isEqualTo(callId.toString());
        assertThat(byType.get("call.synced").get("lead_id").asString()).isEqualTo(leadId.toString());
        assertThat(byType.get("recording.uploaded").get("id").asString()).isEqualTo(recordingId.toString());
        assertThat(byType.get("recording.uploaded").get("call_id").asString()).isEqualTo(callId.toString());
        assertThat(byType.get("recording.uploaded").get("lead_id").asString()).isEqualTo(leadId.toString());
    }
}
