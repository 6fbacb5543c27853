package com.educonsult.crm.messaging.whatsapp;

import com.educonsult.crm.integrations.IntegrationTester;
import com.educonsult.crm.integrations.IntegrationType;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Tries the WhatsApp connection: the phone number reads its own profile with the access token. */
@Component
class WhatsAppTester implements IntegrationTester {

    private final CloudApiClient client;

    WhatsAppTester(CloudApiClient client) {
        this.client = client;
    }

    @Override
    public IntegrationType type() {
        return IntegrationType.WHATSAPP;
    }

    @Override
    public Outcome test(UUID organizationId, Map<String, String> credentials, Map<String, Object> settings) {
        var account = WhatsAppAccounts.account(organizationId, credentials);
        if (account.isEmpty()) {
            return new Outcome(false, "The connection needs phone_number_id and access_token");
        }
        try {
            JsonNode number = client.get(organizationId, "/" + account.get().phoneNumberId(),
                    Map.of("fields", "display_phone_number,verified_name,quality_rating"),
                    account.get().accessToken());
            String display = number.path("display_phone_number").asString("the number");
            String name = number.path("verified_name").asString(null);
            return new Outcome(true, "WhatsApp answered for " + display + (name == null ? "" : " (" + name + ")"));
        } catch (CloudApiClient.CloudException e) {
            return new Outcome(false, e.getMessage());
        }
    }
}
