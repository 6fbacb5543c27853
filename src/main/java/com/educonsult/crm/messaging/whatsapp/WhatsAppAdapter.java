package com.educonsult.crm.messaging.whatsapp;

import static com.educonsult.crm.jooq.Tables.WHATSAPP_MESSAGES;

import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.messaging.AttachmentRules;
import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.ChannelAdapter;
import com.educonsult.crm.messaging.OutgoingMessage;
import com.educonsult.crm.messaging.SendOutcome;
import com.educonsult.crm.platform.Tenancy;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * WhatsApp through the Cloud API, for organizations that connected it: text, approved templates with body
 * parameters, and an image or document by its signed link. The provider's answer becomes the outbox's outcome:
 * rate limits, 5xx and timeouts are tried again; the closed 24-hour window (131047), an undeliverable number
 * (131026) and other refusals fail the message with the reason.
 */
@Component
class WhatsAppAdapter implements ChannelAdapter {

    /** Errors that mean the connection itself is broken (expired or revoked token, missing permission). */
    private static final Set<Integer> CONNECTION_ERRORS = Set.of(190, 10, 200);

    private final WhatsAppAccounts accounts;
    private final CloudApiClient client;
    private final IntegrationRegistry registry;
    private final Tenancy tenancy;
    private final DSLContext db;

    WhatsAppAdapter(WhatsAppAccounts accounts, CloudApiClient client, IntegrationRegistry registry, Tenancy tenancy,
            DSLContext db) {
        this.accounts = accounts;
        this.client = client;
        this.registry = registry;
        this.tenancy = tenancy;
        this.db = db;
    }

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }

    @Override
    public boolean configuredFor(UUID organizationId) {
        return accounts.of(organizationId).isPresent();
    }

    @Override
    public SendOutcome send(OutgoingMessage message) {
        Optional<WhatsAppAccounts.Account> account = accounts.of(message.organizationId());
        if (account.isEmpty()) {
            return SendOutcome.rejected("WhatsApp is not connected for the organization");
        }
        String from = message.from() != null && message.from().matches("[0-9]{1,40}") ? message.from()
                : account.get().phoneNumberId();
        CloudApiClient.Result result = client.send(message.organizationId(), from, account.get().accessToken(),
                toCloud(message));
        return switch (result.kind()) {
            case SENT -> {
                remember(message, result.messageId());
                yield SendOutcome.sent(result.messageId());
            }
            case RETRY -> SendOutcome.retry(result.error());
            case REJECTED -> {
                if (result.errorCode() != null && CONNECTION_ERRORS.contains(result.errorCode())) {
                    registry.failed(message.organizationId(), IntegrationType.WHATSAPP, result.error());
                }
                yield SendOutcome.rejected(result.error());
            }
        };
    }

    static CloudApiClient.Message toCloud(OutgoingMessage message) {
        if (message.providerTemplate() != null && !message.providerTemplate().isBlank()) {
            return CloudApiClient.Message.template(message.to(), message.providerTemplate(),
                    message.providerTemplateLanguage(), message.templateParameters());
        }
        if (!message.attachments().isEmpty()) {
            OutgoingMessage.Attachment file = message.attachments().getFirst();
            String kind = AttachmentRules.whatsAppKind(file.contentType());
            return CloudApiClient.Message.media(message.to(), kind, file.url(), file.fileName(), message.text());
        }
        return CloudApiClient.Message.text(message.to(), message.text());
    }

    /** Notes WhatsApp's id on the inbox message of the communication, so its statuses find it. */
    private void remember(OutgoingMessage message, String wamid) {
        if (message.communicationId() == null || wamid == null) {
            return;
        }
        tenancy.runAs(message.organizationId(), () -> db.update(WHATSAPP_MESSAGES)
                .set(WHATSAPP_MESSAGES.WAMID, wamid)
                .where(WHATSAPP_MESSAGES.ORGANIZATION_ID.eq(message.organizationId()),
                        WHATSAPP_MESSAGES.COMMUNICATION_ID.eq(message.communicationId()),
                        WHATSAPP_MESSAGES.WAMID.isNull())
                .execute());
    }
}
