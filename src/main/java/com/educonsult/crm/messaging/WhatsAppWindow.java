package com.educonsult.crm.messaging;

import static com.educonsult.crm.jooq.Tables.WHATSAPP_CONVERSATIONS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * WhatsApp's 24-hour customer-service window, enforced by the server for every WhatsApp message: free text only
 * within 24 hours of the student's last message to the organization, an approved template otherwise. Callers run
 * inside a transaction of the organization.
 */
@Service
public class WhatsAppWindow {

    public static final Duration LENGTH = Duration.ofHours(24);

    private final DSLContext db;
    private final UserDirectory users;
    private final Clock clock;

    WhatsAppWindow(DSLContext db, UserDirectory users, Clock clock) {
        this.db = db;
        this.users = users;
        this.clock = clock;
    }

    /** When the student last wrote from the number (any format the organization's region reads), if ever. */
    @Transactional(readOnly = true)
    public Optional<OffsetDateTime> lastInbound(UUID organizationId, String phone) {
        Optional<String> e164 = PhoneNumbers.normalize(phone, users.phoneRegion(organizationId));
        if (e164.isEmpty()) {
            return Optional.empty();
        }
        return db.select(WHATSAPP_CONVERSATIONS.LAST_INBOUND_AT).from(WHATSAPP_CONVERSATIONS)
                .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(organizationId),
                        WHATSAPP_CONVERSATIONS.PHONE.eq(e164.get()))
                .fetchOptional(WHATSAPP_CONVERSATIONS.LAST_INBOUND_AT);
    }

    /** When the window to the number closes; empty when it is closed. */
    public Optional<OffsetDateTime> closesAt(UUID organizationId, String phone) {
        return lastInbound(organizationId, phone).map(last -> last.plus(LENGTH))
                .filter(end -> end.isAfter(OffsetDateTime.now(clock)));
    }

    public boolean open(UUID organizationId, String phone) {
        return closesAt(organizationId, phone).isPresent();
    }

    /**
     * Refuses free text outside the window with a 422 naming {@code field} (the request's text field): a message
     * that is a template passes (whether the template is approved is {@link WhatsAppTemplates#requireApproved}'s
     * question).
     */
    public void check(UUID organizationId, String phone, boolean template, String field) {
        if (template || open(organizationId, phone)) {
            return;
        }
        throw ApiException.invalid(field, "free text can be sent on WhatsApp only within 24 hours of the student's "
                + "last message; " + lastInbound(organizationId, phone).map(last -> "they last wrote at " + last
                        + ", so ").orElse("they have not written yet, so ") + "send an approved template instead "
                + "(template_name)");
    }
}
