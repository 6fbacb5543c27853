package com.educonsult.crm.messaging.email;

import static com.educonsult.crm.jooq.Tables.COMMUNICATIONS;

import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.Communications;
import com.educonsult.crm.messaging.Consents;
import com.educonsult.crm.messaging.InboundMessage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A reply that reached us (read by IMAP or posted by the inbound-mail webhook): recorded once per Message-ID,
 * threaded to the lead of the message it answers (In-Reply-To, else the References from the newest back, against our
 * Message-IDs), else to the lead we last wrote to at the sender's address. A mail whose subject is "unsubscribe"
 * (the mailto of List-Unsubscribe) opts its sender out of email.
 */
@Component
public class InboundMail {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern ADDRESS = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>|([^\\s<>\"]+@[^\\s<>\"]+)");

    /** One received mail, as parsed. */
    public record Mail(String from, String to, String subject, String text, String html, String messageId,
            String inReplyTo, String references, OffsetDateTime receivedAt) {
    }

    private final DSLContext db;
    private final Communications communications;
    private final Consents consents;

    InboundMail(DSLContext db, Communications communications, Consents consents) {
        this.db = db;
        this.communications = communications;
        this.consents = consents;
    }

    /** Records the mail in the caller's transaction of the organization; answers the communication's id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID receive(UUID organizationId, Mail mail) {
        String from = address(mail.from());
        String messageId = firstId(mail.messageId());
        String inReplyTo = firstId(mail.inReplyTo());
        UUID leadId = threadedLead(organizationId, inReplyTo, mail.references());
        String providerId = messageId != null ? messageId
                : "no-message-id:" + Integer.toHexString((from + "|" + mail.subject() + "|" + mail.text()).hashCode());
        UUID id = communications.recordInbound(organizationId, new InboundMessage(Channel.EMAIL, leadId, from,
                address(mail.to()), mail.subject(), mail.text(), mail.html(), providerId, messageId, inReplyTo,
                mail.receivedAt()));
        if (from != null && mail.subject() != null
                && mail.subject().trim().toLowerCase(Locale.ROOT).startsWith("unsubscribe")) {
            consents.optOut(organizationId, Channel.EMAIL, from, "unsubscribe_email");
        }
        return id;
    }

    private UUID threadedLead(UUID organizationId, String inReplyTo, String references) {
        List<String> candidates = new ArrayList<>();
        if (inReplyTo != null) {
            candidates.add(inReplyTo);
        }
        List<String> referenced = ids(references);
        for (int i = referenced.size() - 1; i >= 0; i--) {
            candidates.add(referenced.get(i));
        }
        if (candidates.isEmpty()) {
            return null;
        }
        for (String candidate : new LinkedHashSet<>(candidates)) {
            UUID lead = db.select(COMMUNICATIONS.LEAD_ID).from(COMMUNICATIONS)
                    .where(COMMUNICATIONS.ORGANIZATION_ID.eq(organizationId))
                    .and(COMMUNICATIONS.EMAIL_MESSAGE_ID.eq(candidate))
                    .and(COMMUNICATIONS.LEAD_ID.isNotNull())
                    .limit(1)
                    .fetchOne(COMMUNICATIONS.LEAD_ID);
            if (lead != null) {
                return lead;
            }
        }
        return null;
    }

    /** The message ids (with their angle brackets) in a header, in order. */
    static List<String> ids(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher matcher = MESSAGE_ID.matcher(header);
        while (matcher.find()) {
            ids.add(matcher.group());
        }
        if (ids.isEmpty()) {
            Arrays.stream(header.trim().split("[\\s,]+")).filter(s -> s.contains("@"))
                    .map(s -> "<" + s + ">").forEach(ids::add);
        }
        return ids;
    }

    private static String firstId(String header) {
        List<String> ids = ids(header);
        return ids.isEmpty() ? null : ids.getFirst();
    }

    /** The bare address of "Name <a@b>" or "a@b", lower-cased; null when there is none. */
    static String address(String header) {
        if (header == null) {
            return null;
        }
        Matcher matcher = ADDRESS.matcher(header);
        if (!matcher.find()) {
            return null;
        }
        String found = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        found = found.toLowerCase(Locale.ROOT);
        return found.length() > 320 ? found.substring(0, 320) : found;
    }
}
