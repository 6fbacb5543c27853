package com.educonsult.crm.messaging.sms;

import com.educonsult.crm.integrations.IntegrationTester;
import com.educonsult.crm.integrations.IntegrationType;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Tries the SMS connection: MSG91 tells the account's balance with the auth key. */
@Component
class Msg91Tester implements IntegrationTester {

    private final Msg91Client client;

    Msg91Tester(Msg91Client client) {
        this.client = client;
    }

    @Override
    public IntegrationType type() {
        return IntegrationType.SMS;
    }

    @Override
    public Outcome test(UUID organizationId, Map<String, String> credentials, Map<String, Object> settings) {
        String key = credentials.get(SmsAccounts.AUTH_KEY);
        if (key == null || key.isBlank()) {
            return new Outcome(false, "The connection needs auth_key (and sender_id)");
        }
        try {
            return new Outcome(true, "MSG91 answered: balance " + client.balance(organizationId, key) + " credits");
        } catch (IllegalStateException e) {
            return new Outcome(false, e.getMessage());
        }
    }
}
