package com.educonsult.crm.messaging.outbox;

import static com.educonsult.crm.jooq.Tables.MESSAGE_RECORDINGS;

import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.ChannelAdapter;
import com.educonsult.crm.messaging.OutgoingMessage;
import com.educonsult.crm.messaging.SendOutcome;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.Tenancy;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded default of a channel, used when the organization has no provider set up: stores what would have been
 * sent (for an admin to read in the outbox page, "sent in demo mode: not delivered") and answers sent with a provider
 * id made from the delivery's reference, so a delivery recorded again after a crash keeps one recording.
 */
final class RecordingAdapter implements ChannelAdapter {

    static final String NAME = "recording";

    private final Channel channel;
    private final DSLContext db;
    private final Tenancy tenancy;
    private final JsonMapper json;

    RecordingAdapter(Channel channel, DSLContext db, Tenancy tenancy, JsonMapper json) {
        this.channel = channel;
        this.db = db;
        this.tenancy = tenancy;
        this.json = json;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public boolean configuredFor(UUID organizationId) {
        return true;
    }

    @Override
    public SendOutcome send(OutgoingMessage message) {
        String providerId = "recorded-" + message.deliveryId();
        tenancy.runAs(message.organizationId(), () -> db.insertInto(MESSAGE_RECORDINGS)
                .set(MESSAGE_RECORDINGS.ORGANIZATION_ID, message.organizationId())
                .set(MESSAGE_RECORDINGS.ID, Ids.newId())
                .set(MESSAGE_RECORDINGS.DELIVERY_ID, message.deliveryId())
                .set(MESSAGE_RECORDINGS.COMMUNICATION_ID, message.communicationId())
                .set(MESSAGE_RECORDINGS.CHANNEL, channel.wire())
                .set(MESSAGE_RECORDINGS.TO_ADDRESS, message.to())
                .set(MESSAGE_RECORDINGS.FROM_ADDRESS, message.from())
                .set(MESSAGE_RECORDINGS.SUBJECT, message.subject())
                .set(MESSAGE_RECORDINGS.BODY, message.text())
                .set(MESSAGE_RECORDINGS.HTML, message.html())
                .set(MESSAGE_RECORDINGS.HEADERS, JSONB.valueOf(json.writeValueAsString(message.headers())))
                .set(MESSAGE_RECORDINGS.PROVIDER_TEMPLATE, message.providerTemplate())
                .set(MESSAGE_RECORDINGS.TEMPLATE_PARAMETERS,
                        JSONB.valueOf(json.writeValueAsString(message.templateParameters())))
                .set(MESSAGE_RECORDINGS.PROVIDER_MESSAGE_ID, providerId)
                .onConflictDoNothing()
                .execute());
        return SendOutcome.sent(providerId);
    }
}
