package com.educonsult.crm.platform.messages;

import static com.educonsult.crm.jooq.Tables.RECORDED_MESSAGES;

import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads what the recording adapters would have sent for an organization, newest first. */
@Component
public class RecordedMessages {

    public record RecordedMessage(UUID id, String channel, String recipient, String subject, String body,
            OffsetDateTime createdAt) {
    }

    private final DSLContext db;

    public RecordedMessages(DSLContext db) {
        this.db = db;
    }

    /** The table is global (a message may precede its organization), so the organization is always filtered on. */
    @Transactional(readOnly = true)
    public Page<RecordedMessage> list(UUID organizationId, PageRequest page) {
        Condition condition = RECORDED_MESSAGES.FOR_ORGANIZATION.eq(organizationId);
        var items = db.selectFrom(RECORDED_MESSAGES).where(condition)
                .orderBy(RECORDED_MESSAGES.CREATED_AT.desc(), RECORDED_MESSAGES.ID.desc())
                .limit(page.limit()).offset(page.offset())
                .fetch(message -> new RecordedMessage(message.getId(), message.getChannel(), message.getRecipient(),
                        message.getSubject(), message.getBody(), message.getCreatedAt()));
        return page.page(items, (long) db.fetchCount(RECORDED_MESSAGES, condition));
    }
}
