package com.educonsult.crm.messaging;

import static com.educonsult.crm.jooq.Tables.COMMUNICATIONS;
import static com.educonsult.crm.jooq.Tables.WHATSAPP_CONVERSATIONS;
import static com.educonsult.crm.jooq.Tables.WHATSAPP_CONVERSATION_READS;
import static com.educonsult.crm.jooq.Tables.WHATSAPP_MESSAGES;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.jooq.tables.records.WhatsappMessagesRecord;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadEvents;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.live.LiveEvent;
import com.educonsult.crm.platform.live.LiveEvents;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The WhatsApp shared inbox: one conversation per student phone number, tied to its lead, owned by the lead's
 * counselor unless someone assigned it; unread counts per user; replies within the 24-hour window or by approved
 * template. Who sees a conversation is who sees its lead (the leads module's data scope). Callers run inside a
 * transaction of the organization.
 */
@Service
public class Inbox {

    public static final String LIVE_MESSAGE = "inbox.message";
    public static final String LIVE_STATUS = "inbox.status";
    public static final String LIVE_PERMISSION = "messages:send";

    @Schema(name = "InboxConversation", description = "A WhatsApp conversation with one phone number")
    public record Conversation(UUID id, UUID leadId,
            @Schema(description = "The lead's name") String leadName,
            @Schema(example = "+919876543210") String phone,
            @Schema(description = "The name the student's WhatsApp profile shows") String contactName,
            UUID ownerId, String ownerName,
            OffsetDateTime lastMessageAt, String lastMessagePreview,
            @Schema(description = "When the student last wrote") OffsetDateTime lastInboundAt,
            @Schema(description = "Whether free text may be sent (within 24 hours of the student's last message)")
            boolean windowOpen,
            @Schema(description = "When the 24-hour window closes; null when closed") OffsetDateTime windowClosesAt,
            @Schema(description = "The student's messages the asking user has not read") int unreadCount) {
    }

    @Schema(name = "InboxMessage", description = "A message of a WhatsApp conversation")
    public record Message(UUID id,
            @Schema(allowableValues = {"inbound", "outbound"}) String direction,
            @Schema(example = "text") String kind,
            String body,
            String templateName, String templateLanguage, String mediaUrl,
            @Schema(allowableValues = {"received", "queued", "sent", "delivered", "read", "failed"}) String status,
            String error,
            @Schema(description = "Who sent it (outbound messages sent by a person)") UUID sentBy,
            @Schema(description = "The communication in the communications hub") UUID communicationId,
            OffsetDateTime createdAt, OffsetDateTime statusAt) {
    }

    /** Which conversations: the user's own, those without owner, or all the user may see. */
    public enum View {
        MINE, UNASSIGNED, ALL;

        public static View of(String code) {
            if (code == null || code.isBlank()) {
                return ALL;
            }
            return switch (code) {
                case "mine" -> MINE;
                case "unassigned" -> UNASSIGNED;
                case "all" -> ALL;
                default -> throw ApiException.invalid("view", "must be mine, unassigned or all");
            };
        }
    }

    /** A reply: free text, or an approved template with its body parameters. */
    public record Reply(String text, String templateName, String language, List<String> parameters) {

        public boolean template() {
            return templateName != null && !templateName.isBlank();
        }
    }

    private final DSLContext db;
    private final LeadDirectory leads;
    private final UserDirectory users;
    private final WhatsAppWindow window;
    private final WhatsAppTemplates templates;
    private final LiveEvents live;
    private final AuditTrail audit;
    private final Clock clock;
    private final Communications communications;

    Inbox(DSLContext db, LeadDirectory leads, UserDirectory users, WhatsAppWindow window,
            WhatsAppTemplates templates, LiveEvents live, AuditTrail audit, Clock clock, Communications communications) {
        this.db = db;
        this.leads = leads;
        this.users = users;
        this.window = window;
        this.templates = templates;
        this.live = live;
        this.audit = audit;
        this.clock = clock;
        this.communications = communications;
    }

    private Field<Integer> readCount(CurrentUser user) {
        return DSL.coalesce(DSL.field(DSL.select(WHATSAPP_CONVERSATION_READS.READ_COUNT)
                .from(WHATSAPP_CONVERSATION_READS)
                .where(WHATSAPP_CONVERSATION_READS.ORGANIZATION_ID.eq(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID),
                        WHATSAPP_CONVERSATION_READS.CONVERSATION_ID.eq(WHATSAPP_CONVERSATIONS.ID),
                        WHATSAPP_CONVERSATION_READS.USER_ID.eq(user.userId()))), DSL.inline(0));
    }

    /** The conversations the user may see, most recent first. */
    @Transactional(readOnly = true)
    public Page<Conversation> conversations(CurrentUser user, View view, boolean unreadOnly, String search,
            PageRequest page) {
        Field<Integer> read = readCount(user).as("read_count");
        List<Condition> conditions = new ArrayList<>();
        conditions.add(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(user.organizationId()));
        conditions.add(leads.visibleLead(user, WHATSAPP_CONVERSATIONS.LEAD_ID));
        switch (view) {
            case MINE -> conditions.add(WHATSAPP_CONVERSATIONS.OWNER_ID.eq(user.userId()));
            case UNASSIGNED -> conditions.add(WHATSAPP_CONVERSATIONS.OWNER_ID.isNull());
            case ALL -> { }
        }
        if (unreadOnly) {
            conditions.add(WHATSAPP_CONVERSATIONS.INBOUND_COUNT.gt(readCount(user)));
        }
        if (search != null && !search.isBlank()) {
            String term = search.trim();
            String digits = term.replaceAll("[^0-9]", "");
            Condition match = WHATSAPP_CONVERSATIONS.CONTACT_NAME.containsIgnoreCase(term);
            if (digits.length() >= 3) {
                match = match.or(WHATSAPP_CONVERSATIONS.PHONE.contains(digits));
            }
            conditions.add(match);
        }
        List<Record> rows = db.select(WHATSAPP_CONVERSATIONS.asterisk(), read).from(WHATSAPP_CONVERSATIONS)
                .where(conditions)
                .orderBy(WHATSAPP_CONVERSATIONS.LAST_MESSAGE_AT.desc(), WHATSAPP_CONVERSATIONS.ID.desc())
                .limit(page.limit() + 1).offset(page.offset())
                .fetch().stream().map(r -> (Record) r).toList();
        boolean more = rows.size() > page.limit();
        List<Record> shown = more ? rows.subList(0, page.limit()) : rows;
        Long total = more ? null : (long) page.offset() + shown.size();
        return page.page(views(user, shown), total);
    }

    /** One conversation the user may see; 404 otherwise (also for another organization's id). */
    @Transactional(readOnly = true)
    public Conversation get(CurrentUser user, UUID conversationId) {
        return views(user, List.of(row(user, conversationId))).getFirst();
    }

    /** The total of unread student messages in the conversations the user owns, for the menu badge. */
    @Transactional(readOnly = true)
    public int unreadTotal(CurrentUser user) {
        Integer total = db.select(DSL.sum(WHATSAPP_CONVERSATIONS.INBOUND_COUNT.minus(readCount(user))).cast(Integer.class))
                .from(WHATSAPP_CONVERSATIONS)
                .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(user.organizationId()),
                        WHATSAPP_CONVERSATIONS.OWNER_ID.eq(user.userId()),
                        leads.visibleLead(user, WHATSAPP_CONVERSATIONS.LEAD_ID))
                .fetchOne(0, Integer.class);
        return total == null ? 0 : Math.max(0, total);
    }

    /** The conversation's messages, newest first. */
    @Transactional(readOnly = true)
    public Page<Message> messages(CurrentUser user, UUID conversationId, PageRequest page) {
        row(user, conversationId);
        List<Message> rows = db.selectFrom(WHATSAPP_MESSAGES)
                .where(WHATSAPP_MESSAGES.ORGANIZATION_ID.eq(user.organizationId()),
                        WHATSAPP_MESSAGES.CONVERSATION_ID.eq(conversationId))
                .orderBy(WHATSAPP_MESSAGES.CREATED_AT.desc(), WHATSAPP_MESSAGES.ID.desc())
                .limit(page.limit() + 1).offset(page.offset())
                .fetch(Inbox::message);
        boolean more = rows.size() > page.limit();
        List<Message> shown = more ? rows.subList(0, page.limit()) : rows;
        return page.page(shown, more ? null : (long) page.offset() + shown.size());
    }

    /** Marks the conversation read by the user up to now. */
    @Transactional
    public Conversation markRead(CurrentUser user, UUID conversationId) {
        Record row = row(user, conversationId);
        int count = row.get(WHATSAPP_CONVERSATIONS.INBOUND_COUNT);
        db.insertInto(WHATSAPP_CONVERSATION_READS)
                .set(WHATSAPP_CONVERSATION_READS.ORGANIZATION_ID, user.organizationId())
                .set(WHATSAPP_CONVERSATION_READS.CONVERSATION_ID, conversationId)
                .set(WHATSAPP_CONVERSATION_READS.USER_ID, user.userId())
                .set(WHATSAPP_CONVERSATION_READS.READ_COUNT, count)
                .set(WHATSAPP_CONVERSATION_READS.READ_AT, OffsetDateTime.now(clock))
                .onConflict(WHATSAPP_CONVERSATION_READS.ORGANIZATION_ID, WHATSAPP_CONVERSATION_READS.CONVERSATION_ID,
                        WHATSAPP_CONVERSATION_READS.USER_ID).doUpdate()
                .set(WHATSAPP_CONVERSATION_READS.READ_COUNT, DSL.greatest(WHATSAPP_CONVERSATION_READS.READ_COUNT,
                        DSL.val(count)))
                .set(WHATSAPP_CONVERSATION_READS.READ_AT, OffsetDateTime.now(clock))
                .execute();
        return get(user, conversationId);
    }

    /**
     * Gives the conversation to another owner (an active user of the organization) or to none: 422 naming
     * {@code owner_id} for a user who is not one.
     */
    @Transactional
    public Conversation assign(CurrentUser user, UUID conversationId, UUID ownerId) {
        Record row = row(user, conversationId);
        UUID before = row.get(WHATSAPP_CONVERSATIONS.OWNER_ID);
        if (ownerId != null) {
            UserSummary owner = users.find(user.organizationId(), ownerId).filter(UserSummary::active)
                    .orElseThrow(() -> ApiException.invalid("owner_id", "must be an active user of the organization"));
            ownerId = owner.id();
        }
        db.update(WHATSAPP_CONVERSATIONS).set(WHATSAPP_CONVERSATIONS.OWNER_ID, ownerId)
                .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(user.organizationId()),
                        WHATSAPP_CONVERSATIONS.ID.eq(conversationId))
                .execute();
        Map<String, Object> beforeState = new LinkedHashMap<>();
        beforeState.put("owner_id", before);
        Map<String, Object> afterState = new LinkedHashMap<>();
        afterState.put("owner_id", ownerId);
        audit.record("inbox.conversation.assigned", "whatsapp_conversation", conversationId.toString(), beforeState,
                afterState);
        publish(user.organizationId(), LIVE_MESSAGE, conversationId, row.get(WHATSAPP_CONVERSATIONS.LEAD_ID), ownerId);
        return get(user, conversationId);
    }

    /**
     * Replies in the conversation: free text within the 24-hour window, an approved template with its parameters
     * at any time (422 naming {@code text}, {@code template_name} or {@code parameters} otherwise). The message
     * goes through the outbox like every message; it shows as queued until the provider takes it.
     */
    @Transactional
    public Message reply(CurrentUser user, UUID conversationId, Reply reply) {
        Record row = row(user, conversationId);
        String phone = row.get(WHATSAPP_CONVERSATIONS.PHONE);
        UUID leadId = row.get(WHATSAPP_CONVERSATIONS.LEAD_ID);
        boolean template = reply.template();
        if (!template && (reply.text() == null || reply.text().isBlank())) {
            throw ApiException.invalid("text", "write a message, or choose an approved template (template_name)");
        }
        if (template && reply.text() != null && !reply.text().isBlank()) {
            throw ApiException.invalid("text", "give either text or template_name, not both");
        }
        String body;
        String language = null;
        if (template) {
            language = reply.language() == null || reply.language().isBlank() ? "en" : reply.language();
            List<String> parameters = reply.parameters() == null ? List.of() : reply.parameters();
            WhatsAppTemplates.Template chosen = templates.requireApproved(user.organizationId(), reply.templateName(),
                    language, parameters, "template_name");
            body = fill(chosen.body(), parameters);
        } else {
            window.check(user.organizationId(), phone, false, "text");
            body = reply.text().strip();
        }
        List<String> parameters = template ? (reply.parameters() == null ? List.of() : reply.parameters()) : List.of();
        UUID communicationId = communications.enqueue(user.organizationId(), List.of(new NewMessage(leadId,
                Channel.WHATSAPP, phone, null, body, null, null, template ? reply.templateName() : null, language,
                parameters, null, false, user.userId()))).getFirst();
        OffsetDateTime now = OffsetDateTime.now(clock);
        WhatsappMessagesRecord message = db.insertInto(WHATSAPP_MESSAGES)
                .set(WHATSAPP_MESSAGES.ORGANIZATION_ID, user.organizationId())
                .set(WHATSAPP_MESSAGES.CONVERSATION_ID, conversationId)
                .set(WHATSAPP_MESSAGES.DIRECTION, "outbound")
                .set(WHATSAPP_MESSAGES.COMMUNICATION_ID, communicationId)
                .set(WHATSAPP_MESSAGES.KIND, template ? "template" : "text")
                .set(WHATSAPP_MESSAGES.BODY, body)
                .set(WHATSAPP_MESSAGES.TEMPLATE_NAME, template ? reply.templateName() : null)
                .set(WHATSAPP_MESSAGES.TEMPLATE_LANGUAGE, language)
                .set(WHATSAPP_MESSAGES.STATUS, "queued")
                .set(WHATSAPP_MESSAGES.SENT_BY, user.userId())
                .set(WHATSAPP_MESSAGES.CREATED_AT, now)
                .set(WHATSAPP_MESSAGES.STATUS_AT, now)
                .returning().fetchOne();
        db.update(WHATSAPP_CONVERSATIONS)
                .set(WHATSAPP_CONVERSATIONS.LAST_MESSAGE_AT, now)
                .set(WHATSAPP_CONVERSATIONS.LAST_MESSAGE_PREVIEW, preview(body))
                .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(user.organizationId()),
                        WHATSAPP_CONVERSATIONS.ID.eq(conversationId))
                .execute();
        publish(user.organizationId(), LIVE_MESSAGE, conversationId, leadId, row.get(WHATSAPP_CONVERSATIONS.OWNER_ID));
        return message(message);
    }

    /**
     * In the transaction of the change: a WhatsApp message of the hub moved to a later status (the outbox sent it,
     * WhatsApp reported it delivered or read, or it failed), so its inbox message does too.
     */
    @EventListener
    void statusChanged(CommunicationEvents.StatusChanged event) {
        if (event.channel() != Channel.WHATSAPP) {
            return;
        }
        WhatsappMessagesRecord row = db.selectFrom(WHATSAPP_MESSAGES)
                .where(WHATSAPP_MESSAGES.ORGANIZATION_ID.eq(event.organizationId()),
                        WHATSAPP_MESSAGES.COMMUNICATION_ID.eq(event.communicationId()))
                .forUpdate().fetchOne();
        if (row == null || !"outbound".equals(row.getDirection())) {
            return;
        }
        DeliveryStatus current = DeliveryStatus.valueOf(row.getStatus().toUpperCase(java.util.Locale.ROOT));
        if (!current.canMoveTo(event.status())) {
            return;
        }
        String error = event.status() == DeliveryStatus.FAILED ? db.select(COMMUNICATIONS.ERROR).from(COMMUNICATIONS)
                .where(COMMUNICATIONS.ORGANIZATION_ID.eq(event.organizationId()),
                        COMMUNICATIONS.ID.eq(event.communicationId())).fetchOne(COMMUNICATIONS.ERROR) : null;
        db.update(WHATSAPP_MESSAGES)
                .set(WHATSAPP_MESSAGES.STATUS, event.status().wire())
                .set(WHATSAPP_MESSAGES.STATUS_AT, event.at())
                .set(WHATSAPP_MESSAGES.ERROR, error)
                .where(WHATSAPP_MESSAGES.ORGANIZATION_ID.eq(event.organizationId()),
                        WHATSAPP_MESSAGES.ID.eq(row.getId()))
                .execute();
        var conversation = db.select(WHATSAPP_CONVERSATIONS.LEAD_ID, WHATSAPP_CONVERSATIONS.OWNER_ID)
                .from(WHATSAPP_CONVERSATIONS)
                .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(event.organizationId()),
                        WHATSAPP_CONVERSATIONS.ID.eq(row.getConversationId())).fetchOne();
        if (conversation != null) {
            publish(event.organizationId(), LIVE_STATUS, row.getConversationId(), conversation.value1(),
                    conversation.value2());
        }
    }

    /** In the outbox's transaction: its WhatsApp messages were handed to WhatsApp (or recorded). */
    @EventListener
    void messagesSent(CommunicationEvents.MessagesSent event) {
        outboxMoved(event.organizationId(), event.communicationIds(), DeliveryStatus.SENT, event.at());
    }

    /** In the outbox's transaction: these messages failed for good. */
    @EventListener
    void messagesFailed(CommunicationEvents.MessagesFailed event) {
        outboxMoved(event.organizationId(), event.communicationIds(), DeliveryStatus.FAILED, event.at());
    }

    private void outboxMoved(UUID organizationId, List<UUID> communicationIds, DeliveryStatus status,
            OffsetDateTime at) {
        var moved = db.update(WHATSAPP_MESSAGES)
                .set(WHATSAPP_MESSAGES.STATUS, status.wire())
                .set(WHATSAPP_MESSAGES.STATUS_AT, at)
                .set(WHATSAPP_MESSAGES.ERROR, status == DeliveryStatus.FAILED ? DSL.field(DSL.select(COMMUNICATIONS.ERROR)
                        .from(COMMUNICATIONS).where(COMMUNICATIONS.ORGANIZATION_ID.eq(organizationId),
                                COMMUNICATIONS.ID.eq(WHATSAPP_MESSAGES.COMMUNICATION_ID))) : DSL.val((String) null))
                .where(WHATSAPP_MESSAGES.ORGANIZATION_ID.eq(organizationId),
                        WHATSAPP_MESSAGES.COMMUNICATION_ID.in(communicationIds),
                        WHATSAPP_MESSAGES.STATUS.eq("queued"))
                .returning(WHATSAPP_MESSAGES.CONVERSATION_ID).fetch();
        Set<UUID> conversations = new HashSet<>();
        moved.forEach(r -> conversations.add(r.getConversationId()));
        for (UUID conversationId : conversations) {
            var conversation = db.select(WHATSAPP_CONVERSATIONS.LEAD_ID, WHATSAPP_CONVERSATIONS.OWNER_ID)
                    .from(WHATSAPP_CONVERSATIONS)
                    .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(organizationId),
                            WHATSAPP_CONVERSATIONS.ID.eq(conversationId)).fetchOne();
            if (conversation != null) {
                publish(organizationId, LIVE_STATUS, conversationId, conversation.value1(), conversation.value2());
            }
        }
    }

    /**
     * In the transaction of the assignment: a conversation follows its lead to the new counselor, unless someone
     * gave it to another owner than the lead's previous one.
     */
    @EventListener
    void leadAssigned(LeadEvents.LeadAssigned event) {
        followAssignee(event.organizationId(), List.of(event));
    }

    @EventListener
    void leadsAssigned(LeadEvents.LeadsAssigned event) {
        followAssignee(event.organizationId(), event.assignments());
    }

    private void followAssignee(UUID organizationId, List<LeadEvents.LeadAssigned> assignments) {
        for (LeadEvents.LeadAssigned assigned : assignments) {
            db.update(WHATSAPP_CONVERSATIONS)
                    .set(WHATSAPP_CONVERSATIONS.OWNER_ID, assigned.assigneeId())
                    .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(organizationId),
                            WHATSAPP_CONVERSATIONS.LEAD_ID.eq(assigned.leadId()),
                            assigned.previousUserId() == null ? WHATSAPP_CONVERSATIONS.OWNER_ID.isNull()
                                    : WHATSAPP_CONVERSATIONS.OWNER_ID.isNull()
                                            .or(WHATSAPP_CONVERSATIONS.OWNER_ID.eq(assigned.previousUserId())))
                    .execute();
        }
    }

    /** The template's body with its {{n}} parameters filled. */
    public static String fill(String body, List<String> parameters) {
        if (body == null) {
            return null;
        }
        String filled = body;
        for (int i = 0; i < parameters.size(); i++) {
            filled = filled.replace("{{" + (i + 1) + "}}", parameters.get(i) == null ? "" : parameters.get(i));
        }
        return filled;
    }

    /** Tells the users watching the organization that a conversation changed. */
    public void publish(UUID organizationId, String type, UUID conversationId, UUID leadId, UUID ownerId) {
        java.util.Optional<LeadSummary> lead = leads.find(organizationId, leadId);
        UUID branch = lead.map(LeadSummary::branchId).orElse(null);
        UUID audienceOwner = lead.map(LeadSummary::assignedTo).orElse(ownerId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversation_id", conversationId);
        data.put("lead_id", leadId);
        data.put("owner_id", ownerId);
        live.publish(new LiveEvent(organizationId, type, LIVE_PERMISSION,
                new LiveEvent.Audience(audienceOwner, branch), data));
    }

    public static String preview(String body) {
        if (body == null) {
            return null;
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 119) + "…" : flat;
    }

    private Record row(CurrentUser user, UUID conversationId) {
        Record row = db.select(WHATSAPP_CONVERSATIONS.asterisk(), readCount(user).as("read_count"))
                .from(WHATSAPP_CONVERSATIONS)
                .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(user.organizationId()),
                        WHATSAPP_CONVERSATIONS.ID.eq(conversationId),
                        leads.visibleLead(user, WHATSAPP_CONVERSATIONS.LEAD_ID))
                .fetchOne();
        if (row == null) {
            throw ApiException.notFound("Conversation");
        }
        return row;
    }

    private List<Conversation> views(CurrentUser user, List<Record> rows) {
        Set<UUID> leadIds = new HashSet<>();
        Set<UUID> ownerIds = new HashSet<>();
        for (Record r : rows) {
            leadIds.add(r.get(WHATSAPP_CONVERSATIONS.LEAD_ID));
            if (r.get(WHATSAPP_CONVERSATIONS.OWNER_ID) != null) {
                ownerIds.add(r.get(WHATSAPP_CONVERSATIONS.OWNER_ID));
            }
        }
        Map<UUID, LeadSummary> leadsById = leadIds.isEmpty() ? Map.of() : leads.findAllVisible(user, leadIds);
        Map<UUID, UserSummary> owners = ownerIds.isEmpty() ? Map.of() : users.findAll(user.organizationId(), ownerIds);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Conversation> views = new ArrayList<>();
        for (Record r : rows) {
            UUID leadId = r.get(WHATSAPP_CONVERSATIONS.LEAD_ID);
            UUID ownerId = r.get(WHATSAPP_CONVERSATIONS.OWNER_ID);
            OffsetDateTime lastInbound = r.get(WHATSAPP_CONVERSATIONS.LAST_INBOUND_AT);
            OffsetDateTime closes = lastInbound == null ? null : lastInbound.plus(WhatsAppWindow.LENGTH);
            boolean open = closes != null && closes.isAfter(now);
            int unread = Math.max(0, r.get(WHATSAPP_CONVERSATIONS.INBOUND_COUNT) - r.get("read_count", Integer.class));
            LeadSummary lead = leadsById.get(leadId);
            UserSummary owner = ownerId == null ? null : owners.get(ownerId);
            views.add(new Conversation(r.get(WHATSAPP_CONVERSATIONS.ID), leadId,
                    lead == null ? r.get(WHATSAPP_CONVERSATIONS.CONTACT_NAME) : lead.fullName(),
                    r.get(WHATSAPP_CONVERSATIONS.PHONE), r.get(WHATSAPP_CONVERSATIONS.CONTACT_NAME), ownerId,
                    owner == null ? null : owner.fullName(), r.get(WHATSAPP_CONVERSATIONS.LAST_MESSAGE_AT),
                    r.get(WHATSAPP_CONVERSATIONS.LAST_MESSAGE_PREVIEW), lastInbound, open, open ? closes : null,
                    unread));
        }
        return views;
    }

    static Message message(WhatsappMessagesRecord r) {
        return new Message(r.getId(), r.getDirection(), r.getKind(), r.getBody(), r.getTemplateName(),
                r.getTemplateLanguage(), r.getMediaUrl(), r.getStatus(), r.getError(), r.getSentBy(),
                r.getCommunicationId(), r.getCreatedAt(), r.getStatusAt());
    }
}
