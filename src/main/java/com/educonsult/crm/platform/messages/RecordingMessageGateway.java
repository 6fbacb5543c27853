package com.educonsult.crm.platform.messages;

import static com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES;

import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The embedded default: writes what would be sent to the log and to {@code recorded_messages}, where an
 * admin reads it ({@code GET /api/v1/admin/recorded-messages}), so flows such as OTP can be completed by hand.
 */
@Component
class RecordingMessageGateway implements MessageGateway {

    private static final Logger log = LoggerFactory.getLogger(RecordingMessageGateway.class);

    private final DSLContext db;

    RecordingMessageGateway(DSLContext db) {
        this.db = db;
    }

    @Override
    public void send(UUID organizationId, Channel channel, String recipient, String subject, String body) {
        log.info("Recorded {} to {}: {}", channel, recipient, body);
        db.insertInto(RECORDED_MESSAGES)
                .set(RECORDED_MESSAGES.FOR_ORGANIZATION, organizationId)
                .set(RECORDED_MESSAGES.CHANNEL, channel.name().toLowerCase())
                .set(RECORDED_MESSAGES.RECIPIENT, recipient)
                .set(RECORDED_MESSAGES.SUBJECT, subject)
                .set(RECORDED_MESSAGES.BODY, body)
                .execute();
    }
}
