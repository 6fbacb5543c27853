package com.educonsult.crm.messaging.sms;

import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.ChannelAdapter;
import com.educonsult.crm.messaging.OutgoingMessage;
import com.educonsult.crm.messaging.SendOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * SMS through MSG91, the reference DLT-compliant adapter for India, for organizations that connected it. Each
 * message carries its sender id (the message's from, else the connection's) and its template: MSG91's template id
 * with the parameters as VAR1, VAR2...; a message without one is sent as text with the DLT template id from its
 * {@code dlt_template_id} header. MSG91's request id is the message's provider id, which its delivery reports name.
 */
@Component
class Msg91Adapter implements ChannelAdapter {

    static final String DLT_TEMPLATE_HEADER = "dlt_template_id";

    private final SmsAccounts accounts;
    private final Msg91Client client;
    private final IntegrationRegistry registry;

    Msg91Adapter(SmsAccounts accounts, Msg91Client client, IntegrationRegistry registry) {
        this.accounts = accounts;
        this.client = client;
        this.registry = registry;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean configuredFor(UUID organizationId) {
        return accounts.of(organizationId).isPresent();
    }

    @Override
    public SendOutcome send(OutgoingMessage message) {
        Optional<SmsAccounts.Account> account = accounts.of(message.organizationId());
        if (account.isEmpty()) {
            return SendOutcome.rejected("SMS is not connected for the organization");
        }
        String sender = message.from() != null && !message.from().isBlank() ? message.from()
                : account.get().senderId();
        String dlt = message.headers().get(DLT_TEMPLATE_HEADER);
        Msg91Client.Result result;
        if (message.providerTemplate() != null && !message.providerTemplate().isBlank()) {
            result = client.send(message.organizationId(), account.get().authKey(), new Msg91Client.Sms(
                    message.providerTemplate(), dlt, sender, message.to(), variables(message.templateParameters())));
        } else {
            result = client.sendText(message.organizationId(), account.get().authKey(), sender, dlt, message.to(),
                    message.text());
        }
        return switch (result.kind()) {
            case SENT -> SendOutcome.sent(result.requestId());
            case RETRY -> SendOutcome.retry(result.error());
            case REJECTED -> {
                if (result.error() != null && result.error().toLowerCase().contains("authentication")) {
                    registry.failed(message.organizationId(), IntegrationType.SMS, result.error());
                }
                yield SendOutcome.rejected(result.error());
            }
        };
    }

    static Map<String, String> variables(List<String> parameters) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            variables.put("VAR" + (i + 1), parameters.get(i));
        }
        return variables;
    }
}
