package com.educonsult.crm.messaging;

import static com.educonsult.crm.jooq.Tables.COMMUNICATIONS;

import com.educonsult.crm.activities.Communicated;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.PublicUrl;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The communications hub's writing side for other modules: queue outbound messages (a communication and its
 * outbox delivery, in the caller's transaction), record inbound ones and move a message's status from provider
 * callbacks. Every method runs inside a transaction of the organization (the tenant set).
 */
@Service
public class Communications {

    private final DSLContext db;
    private final LeadDirectory leads;
    private final UserDirectory users;
    private final PublicUrl publicUrl;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final MessageAttachments attachments;

    Communications(DSLContext db, LeadDirectory leads, UserDirectory users, PublicUrl publicUrl, JsonMapper json,
            Clock clock, ApplicationEventPublisher events, MessageAttachments attachments) {
        this.attachments = attachments;
        this.db = db;
        this.leads = leads;
        this.users = users;
        this.publicUrl = publicUrl;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Queues the messages: one communication (status queued) and one outbox delivery each, written by one insert
     * per table for the whole list, in the caller's transaction (so they are sent if and only if it commits).
     * A message without {@code to} goes to the lead's email (email) or phone (SMS, WhatsApp); phones are
     * normalized to E.164 with the organization's region. Answers the communication ids in the messages' order.
     * A one-to-one message (not bulk) to a lead is also put on the lead's timeline; campaign and automation
     * messages are not (the campaign's own statistics show them).
     * A message with no address at all is refused with IllegalArgumentException (callers check first). A message's
     * attachments are checked against storage: 422 naming {@code attachments[i]} for one that is missing, not the
     * organization's, of a type or size the channel does not take.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<UUID> enqueue(UUID organizationId, List<NewMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = now();
        String region = null;
        Map<UUID, Optional<LeadSummary>> leadCache = new HashMap<>();
        int size = messages.size();
        UUID[] ids = new UUID[size];
        UUID[] deliveryIds = new UUID[size];
        UUID[] leadIds = new UUID[size];
        UUID[] userIds = new UUID[size];
        String[] types = new String[size];
        String[] subjects = new String[size];
        String[] bodies = new String[size];
        String[] htmls = new String[size];
        String[] tos = new String[size];
        UUID[] campaignIds = new UUID[size];
        UUID[] templateIds = new UUID[size];
        String[] emailMessageIds = new String[size];
        Boolean[] bulks = new Boolean[size];
        String[] providerTemplates = new String[size];
        String[] providerLanguages = new String[size];
        String[] parameters = new String[size];
        String[] files = new String[size];
        String domain = messageIdDomain();
        for (int i = 0; i < size; i++) {
            NewMessage message = messages.get(i);
            if (message.channel() == null) {
                throw new IllegalArgumentException("Message " + i + " has no channel");
            }
            String to = message.to();
            if ((to == null || to.isBlank()) && message.leadId() != null) {
                LeadSummary lead = leadCache.computeIfAbsent(message.leadId(),
                        id -> leads.find(organizationId, id)).orElse(null);
                if (lead != null) {
                    to = message.channel() == Channel.EMAIL ? lead.email() : lead.phone();
                }
            }
            if (to == null || to.isBlank()) {
                throw new IllegalArgumentException("Message " + i + " has no address to send to");
            }
            if (message.channel() == Channel.EMAIL) {
                to = to.trim();
            } else {
                if (region == null) {
                    region = users.phoneRegion(organizationId);
                }
                String raw = to;
                to = PhoneNumbers.normalize(raw, region)
                        .orElseThrow(() -> new IllegalArgumentException("Not a phone number: " + raw));
            }
            UUID id = Ids.newId();
            ids[i] = id;
            deliveryIds[i] = Ids.newId();
            leadIds[i] = message.leadId();
            userIds[i] = message.byUserId();
            types[i] = message.channel().wire();
            subjects[i] = message.subject();
            bodies[i] = message.text();
            htmls[i] = message.html();
            tos[i] = to;
            campaignIds[i] = message.campaignId();
            templateIds[i] = message.templateId();
            emailMessageIds[i] = message.channel() == Channel.EMAIL ? "<" + id + "@" + domain + ">" : null;
            bulks[i] = message.bulk();
            providerTemplates[i] = message.providerTemplate();
            providerLanguages[i] = message.providerTemplateLanguage();
            parameters[i] = json.writeValueAsString(message.templateParameters());
            files[i] = json.writeValueAsString(attachments.check(organizationId, message.channel(),
                    message.attachments(), "attachments", null));
        }
        db.execute("""
                insert into communications (organization_id, id, lead_id, user_id, type, direction, status, subject,
                  body, html, to_address, campaign_id, template_id, email_message_id, attachments, created_at,
                  updated_at)
                select ?::uuid, m.id, m.lead_id, m.user_id, m.type, 'outbound', 'queued', m.subject, m.body, m.html,
                  m.to_address, m.campaign_id, m.template_id, m.email_message_id, m.attachments::jsonb,
                  ?::timestamptz, ?::timestamptz
                from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                  ?::uuid[], ?::uuid[], ?::text[], ?::text[])
                  as m (id, lead_id, user_id, type, subject, body, html, to_address, campaign_id, template_id,
                        email_message_id, attachments)
                """, organizationId, now, now, ids, leadIds, userIds, types, subjects, bodies, htmls, tos,
                campaignIds, templateIds, emailMessageIds, files);
        db.execute("""
                insert into message_deliveries (organization_id, id, communication_id, channel, status, bulk,
                  provider_template, provider_template_language, template_parameters, next_attempt_at, created_at,
                  updated_at)
                select ?::uuid, d.id, d.communication_id, d.channel, 'pending', d.bulk, d.provider_template,
                  d.provider_template_language, d.template_parameters::jsonb, ?::timestamptz, ?::timestamptz,
                  ?::timestamptz
                from unnest(?::uuid[], ?::uuid[], ?::text[], ?::boolean[], ?::text[], ?::text[], ?::text[])
                  as d (id, communication_id, channel, bulk, provider_template, provider_template_language,
                        template_parameters)
                """, organizationId, now, now, now, deliveryIds, ids, types, bulks, providerTemplates,
                providerLanguages, parameters);
        for (int i = 0; i < size; i++) {
            NewMessage message = messages.get(i);
            if (!message.bulk() && message.leadId() != null) {
                String text = message.text() == null ? "" : message.text().replaceAll("\\s+", " ").trim();
                events.publishEvent(new Communicated(organizationId, ids[i], message.leadId(), message.byUserId(),
                        message.channel().wire(), "outbound", message.subject() != null && !message.subject().isBlank()
                                ? message.subject() : text.length() > 200 ? text.substring(0, 199) + "…" : text, now));
            }
        }
        List<UUID> answer = List.of(ids);
        events.publishEvent(new CommunicationEvents.MessagesQueued(organizationId, answer));
        return answer;
    }

    /**
     * Records a received message; idempotent on the provider's id (a repeat answers the existing id and changes
     * nothing). Without a lead, an email is threaded to the lead of the message it answers (In-Reply-To against
     * our Message-IDs), else to the lead we last wrote to at the sender's address; an SMS or WhatsApp message to
     * the live lead with the sender's phone.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID recordInbound(UUID organizationId, InboundMessage message) {
        if (message.providerMessageId() != null) {
            Optional<UUID> existing = findByProviderId(organizationId, message.channel(), message.providerMessageId());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        UUID leadId = message.leadId() != null ? message.leadId() : matchLead(organizationId, message);
        String from = message.from();
        if (from != null && message.channel() != Channel.EMAIL) {
            from = PhoneNumbers.normalize(from, users.phoneRegion(organizationId)).orElse(from.trim());
        }
        OffsetDateTime at = message.receivedAt() != null ? message.receivedAt() : now();
        UUID id = Ids.newId();
        Record inserted = db.insertInto(COMMUNICATIONS)
                .set(COMMUNICATIONS.ORGANIZATION_ID, organizationId)
                .set(COMMUNICATIONS.ID, id)
                .set(COMMUNICATIONS.LEAD_ID, leadId)
                .set(COMMUNICATIONS.TYPE, message.channel().wire())
                .set(COMMUNICATIONS.DIRECTION, "inbound")
                .set(COMMUNICATIONS.STATUS, "received")
                .set(COMMUNICATIONS.SUBJECT, truncate(message.subject(), 1000))
                .set(COMMUNICATIONS.BODY, message.text())
                .set(COMMUNICATIONS.HTML, message.html())
                .set(COMMUNICATIONS.FROM_ADDRESS, truncate(from, 320))
                .set(COMMUNICATIONS.TO_ADDRESS, truncate(message.to(), 320))
                .set(COMMUNICATIONS.PROVIDER_MESSAGE_ID, message.providerMessageId())
                .set(COMMUNICATIONS.EMAIL_MESSAGE_ID, truncate(message.emailMessageId(), 1000))
                .set(COMMUNICATIONS.IN_REPLY_TO, truncate(message.inReplyTo(), 1000))
                .set(COMMUNICATIONS.CREATED_AT, at)
                .set(COMMUNICATIONS.UPDATED_AT, now())
                .onConflictDoNothing()
                .returning(COMMUNICATIONS.ID)
                .fetchOne();
        if (inserted == null) {
            // a concurrent delivery of the same message won
            return findByProviderId(organizationId, message.channel(), message.providerMessageId()).orElseThrow();
        }
        events.publishEvent(new CommunicationEvents.MessageReceived(organizationId, id, leadId, message.channel(),
                message.subject(), message.text(), at));
        if (leadId != null) {
            String text = message.text() == null ? "" : message.text().replaceAll("\\s+", " ").trim();
            events.publishEvent(new Communicated(organizationId, id, leadId, null, message.channel().wire(),
                    "inbound", message.subject() != null && !message.subject().isBlank() ? message.subject()
                            : text.length() > 200 ? text.substring(0, 199) + "…" : text, at));
        }
        return id;
    }

    /**
     * Moves an outbound message, found by its provider's id, to a later status (forward only; FAILED from any but
     * FAILED; a repeat or an older status changes nothing). False when no message has that provider id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean updateStatus(UUID organizationId, Channel channel, String providerMessageId, DeliveryStatus status,
            OffsetDateTime at, String error) {
        if (providerMessageId == null || providerMessageId.isBlank()) {
            return false;
        }
        var row = db.select(COMMUNICATIONS.ID, COMMUNICATIONS.STATUS, COMMUNICATIONS.LEAD_ID)
                .from(COMMUNICATIONS)
                .where(COMMUNICATIONS.ORGANIZATION_ID.eq(organizationId))
                .and(COMMUNICATIONS.TYPE.eq(channel.wire()))
                .and(COMMUNICATIONS.PROVIDER_MESSAGE_ID.eq(providerMessageId))
                .forUpdate()
                .fetchOne();
        if (row == null) {
            return false;
        }
        DeliveryStatus current = statusOf(row.value2());
        if (current == null || !current.canMoveTo(status)) {
            return true;
        }
        OffsetDateTime when = at != null ? at : now();
        var update = db.update(COMMUNICATIONS)
                .set(COMMUNICATIONS.STATUS, status.wire())
                .set(COMMUNICATIONS.UPDATED_AT, now());
        switch (status) {
            case SENT -> update = update.set(COMMUNICATIONS.SENT_AT, DSL.coalesce(COMMUNICATIONS.SENT_AT, DSL.val(when)));
            case DELIVERED -> update = update
                    .set(COMMUNICATIONS.SENT_AT, DSL.coalesce(COMMUNICATIONS.SENT_AT, DSL.val(when)))
                    .set(COMMUNICATIONS.DELIVERED_AT, when);
            case READ -> update = update
                    .set(COMMUNICATIONS.SENT_AT, DSL.coalesce(COMMUNICATIONS.SENT_AT, DSL.val(when)))
                    .set(COMMUNICATIONS.DELIVERED_AT, DSL.coalesce(COMMUNICATIONS.DELIVERED_AT, DSL.val(when)))
                    .set(COMMUNICATIONS.READ_AT, when);
            case FAILED -> update = update.set(COMMUNICATIONS.FAILED_AT, when).set(COMMUNICATIONS.ERROR, error);
            case QUEUED -> {
            }
        }
        update.where(COMMUNICATIONS.ORGANIZATION_ID.eq(organizationId)).and(COMMUNICATIONS.ID.eq(row.value1()))
                .execute();
        events.publishEvent(new CommunicationEvents.StatusChanged(organizationId, row.value1(), row.value3(), channel,
                status, when));
        return true;
    }

    private Optional<UUID> findByProviderId(UUID organizationId, Channel channel, String providerMessageId) {
        return db.select(COMMUNICATIONS.ID).from(COMMUNICATIONS)
                .where(COMMUNICATIONS.ORGANIZATION_ID.eq(organizationId))
                .and(COMMUNICATIONS.TYPE.eq(channel.wire()))
                .and(COMMUNICATIONS.PROVIDER_MESSAGE_ID.eq(providerMessageId))
                .fetchOptional(COMMUNICATIONS.ID);
    }

    private UUID matchLead(UUID organizationId, InboundMessage message) {
        if (message.channel() == Channel.EMAIL) {
            if (message.inReplyTo() != null && !message.inReplyTo().isBlank()) {
                UUID lead = db.select(COMMUNICATIONS.LEAD_ID).from(COMMUNICATIONS)
                        .where(COMMUNICATIONS.ORGANIZATION_ID.eq(organizationId))
                        .and(COMMUNICATIONS.EMAIL_MESSAGE_ID.eq(message.inReplyTo().trim()))
                        .and(COMMUNICATIONS.LEAD_ID.isNotNull())
                        .limit(1)
                        .fetchOne(COMMUNICATIONS.LEAD_ID);
                if (lead != null) {
                    return lead;
                }
            }
            if (message.from() == null) {
                return null;
            }
            return db.select(COMMUNICATIONS.LEAD_ID).from(COMMUNICATIONS)
                    .where(COMMUNICATIONS.ORGANIZATION_ID.eq(organizationId))
                    .and(COMMUNICATIONS.TYPE.eq("email"))
                    .and(COMMUNICATIONS.DIRECTION.eq("outbound"))
                    .and(COMMUNICATIONS.LEAD_ID.isNotNull())
                    .and(DSL.lower(COMMUNICATIONS.TO_ADDRESS).eq(message.from().trim().toLowerCase(Locale.ROOT)))
                    .orderBy(COMMUNICATIONS.CREATED_AT.desc())
                    .limit(1)
                    .fetchOne(COMMUNICATIONS.LEAD_ID);
        }
        if (message.from() == null) {
            return null;
        }
        return PhoneNumbers.normalize(message.from(), users.phoneRegion(organizationId))
                .map(phone -> leads.findByPhones(organizationId, List.of(phone)).get(phone))
                .orElse(null);
    }

    private static DeliveryStatus statusOf(String wire) {
        return switch (wire) {
            case "queued" -> DeliveryStatus.QUEUED;
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "read" -> DeliveryStatus.READ;
            case "failed" -> DeliveryStatus.FAILED;
            default -> null;
        };
    }

    /** The domain of our Message-IDs: the host of the server's public address. */
    private String messageIdDomain() {
        try {
            String host = URI.create(publicUrl.base()).getHost();
            return host == null || host.isBlank() ? "educonsult.invalid" : host;
        } catch (RuntimeException e) {
            return "educonsult.invalid";
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
