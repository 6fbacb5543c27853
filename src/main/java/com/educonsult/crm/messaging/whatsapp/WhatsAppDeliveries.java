package com.educonsult.crm.messaging.whatsapp;

import static com.educonsult.crm.jooq.Tables.WHATSAPP_CONVERSATIONS;
import static com.educonsult.crm.jooq.Tables.WHATSAPP_MESSAGES;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.WhatsappConversationsRecord;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadIntake;
import com.educonsult.crm.leads.LeadRequest;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.Communications;
import com.educonsult.crm.messaging.Consents;
import com.educonsult.crm.messaging.DeliveryStatus;
import com.educonsult.crm.messaging.InboundMessage;
import com.educonsult.crm.messaging.Inbox;
import com.educonsult.crm.messaging.callbacks.CallbackHandler;
import com.educonsult.crm.platform.PhoneNumbers;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes a stored WhatsApp webhook delivery for one organization: each student message lands in the
 * conversation of its phone number (matched to the lead by normalized phone, or a new lead from WhatsApp), once
 * however often WhatsApp sends it; each status moves the message it names forward (sent, delivered, read,
 * failed); STOP and START change the student's consent. Runs in a transaction of the organization.
 */
@Component
class WhatsAppDeliveries implements CallbackHandler {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppDeliveries.class);
    static final Set<String> STOP_WORDS = Set.of("STOP", "STOP ALL", "STOPALL", "UNSUBSCRIBE");
    static final Set<String> START_WORDS = Set.of("START", "UNSTOP", "SUBSCRIBE");

    private final DSLContext db;
    private final JsonMapper json;
    private final WhatsAppAccounts accounts;
    private final LeadDirectory leads;
    private final LeadIntake intake;
    private final UserDirectory users;
    private final Inbox inbox;
    private final Communications communications;
    private final Consents consents;

    WhatsAppDeliveries(DSLContext db, JsonMapper json, WhatsAppAccounts accounts, LeadDirectory leads,
            LeadIntake intake, UserDirectory users, Inbox inbox, Communications communications, Consents consents) {
        this.db = db;
        this.json = json;
        this.accounts = accounts;
        this.leads = leads;
        this.intake = intake;
        this.users = users;
        this.inbox = inbox;
        this.communications = communications;
        this.consents = consents;
    }

    @Override
    public String provider() {
        return "whatsapp";
    }

    @Override
    public void handle(UUID organizationId, String payload) {
        JsonNode delivery = json.readTree(payload);
        for (JsonNode entry : delivery.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                JsonNode numberNode = value.path("metadata").path("phone_number_id");
                String number = numberNode.isNumber() ? numberNode.asString() : numberNode.asString(null);
                if (number == null || !accounts.organizationOf(number).map(organizationId::equals).orElse(false)) {
                    continue;
                }
                String to = value.path("metadata").path("display_phone_number").asString(null);
                for (JsonNode message : value.path("messages")) {
                    inbound(organizationId, value, message, to);
                }
                for (JsonNode status : value.path("statuses")) {
                    status(organizationId, status);
                }
            }
        }
    }

    private void inbound(UUID organizationId, JsonNode value, JsonNode message, String to) {
        String wamid = message.path("id").asString(null);
        String from = message.path("from").asString(null);
        if (wamid == null || from == null || wamid.length() > 200) {
            return;
        }
        Optional<String> phone = PhoneNumbers.normalize("+" + from.replaceAll("[^0-9]", ""),
                users.phoneRegion(organizationId));
        if (phone.isEmpty()) {
            log.info("WhatsApp message {} from a number that is not a phone number: skipped", wamid);
            return;
        }
        String name = contactName(value, from);
        OffsetDateTime at = message.path("timestamp").asString("").matches("[0-9]{1,12}")
                ? Instant.ofEpochSecond(Long.parseLong(message.path("timestamp").asString())).atOffset(ZoneOffset.UTC)
                : OffsetDateTime.now(ZoneOffset.UTC);
        String kind = kind(message.path("type").asString("text"));
        received(organizationId, wamid, phone.get(), name, at, kind, body(message, kind), to);
    }

    /**
     * Records a message a student sent from the phone number (E.164), once per WhatsApp message id: in the number's
     * conversation (made with its lead, a new lead if none), in the communications, and as STOP or START.
     */
    void received(UUID organizationId, String wamid, String phone, String name, OffsetDateTime at, String kind,
            String body, String to) {
        boolean known = db.fetchExists(DSL.selectOne().from(WHATSAPP_MESSAGES)
                .where(WHATSAPP_MESSAGES.ORGANIZATION_ID.eq(organizationId), WHATSAPP_MESSAGES.WAMID.eq(wamid)));
        if (known) {
            return;
        }
        WhatsappConversationsRecord conversation = conversation(organizationId, phone, name, at);
        String mediaUrl = null;
        int inserted = db.insertInto(WHATSAPP_MESSAGES)
                .set(WHATSAPP_MESSAGES.ORGANIZATION_ID, organizationId)
                .set(WHATSAPP_MESSAGES.CONVERSATION_ID, conversation.getId())
                .set(WHATSAPP_MESSAGES.DIRECTION, "inbound")
                .set(WHATSAPP_MESSAGES.WAMID, wamid)
                .set(WHATSAPP_MESSAGES.KIND, kind)
                .set(WHATSAPP_MESSAGES.BODY, body)
                .set(WHATSAPP_MESSAGES.MEDIA_URL, mediaUrl)
                .set(WHATSAPP_MESSAGES.STATUS, "received")
                .set(WHATSAPP_MESSAGES.CREATED_AT, at)
                .set(WHATSAPP_MESSAGES.STATUS_AT, at)
                .onConflictDoNothing()
                .execute();
        if (inserted == 0) {
            return;
        }
        db.update(WHATSAPP_CONVERSATIONS)
                .set(WHATSAPP_CONVERSATIONS.INBOUND_COUNT, WHATSAPP_CONVERSATIONS.INBOUND_COUNT.plus(1))
                .set(WHATSAPP_CONVERSATIONS.LAST_INBOUND_AT, DSL.greatest(DSL.coalesce(
                        WHATSAPP_CONVERSATIONS.LAST_INBOUND_AT, DSL.val(at)), DSL.val(at)))
                .set(WHATSAPP_CONVERSATIONS.LAST_MESSAGE_AT, DSL.greatest(WHATSAPP_CONVERSATIONS.LAST_MESSAGE_AT,
                        DSL.val(at)))
                .set(WHATSAPP_CONVERSATIONS.LAST_MESSAGE_PREVIEW, Inbox.preview(body))
                .set(WHATSAPP_CONVERSATIONS.CONTACT_NAME, DSL.coalesce(DSL.val(name),
                        WHATSAPP_CONVERSATIONS.CONTACT_NAME))
                .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(organizationId),
                        WHATSAPP_CONVERSATIONS.ID.eq(conversation.getId()))
                .execute();
        UUID communicationId = communications.recordInbound(organizationId, new InboundMessage(Channel.WHATSAPP,
                conversation.getLeadId(), phone, to, null, body, null, wamid, null, null, at));
        db.update(WHATSAPP_MESSAGES).set(WHATSAPP_MESSAGES.COMMUNICATION_ID, communicationId)
                .where(WHATSAPP_MESSAGES.ORGANIZATION_ID.eq(organizationId), WHATSAPP_MESSAGES.WAMID.eq(wamid),
                        WHATSAPP_MESSAGES.COMMUNICATION_ID.isNull())
                .execute();
        String word = body == null ? "" : body.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if ("text".equals(kind) || "button".equals(kind) || "interactive".equals(kind)) {
            if (STOP_WORDS.contains(word)) {
                consents.optOut(organizationId, Channel.WHATSAPP, phone, "whatsapp_stop");
            } else if (START_WORDS.contains(word)) {
                consents.optIn(organizationId, Channel.WHATSAPP, phone, "whatsapp_start");
            }
        }
        inbox.publish(organizationId, Inbox.LIVE_MESSAGE, conversation.getId(), conversation.getLeadId(),
                conversation.getOwnerId());
    }

    /** The conversation of the number: found, or made with the lead the number belongs to (a new one if none). */
    private WhatsappConversationsRecord conversation(UUID organizationId, String phone, String name,
            OffsetDateTime at) {
        WhatsappConversationsRecord existing = find(organizationId, phone);
        if (existing != null) {
            Optional<LeadSummary> lead = leads.find(organizationId, existing.getLeadId());
            if (lead.isPresent()) {
                return existing;
            }
            // the lead was deleted: the number starts over with the lead it belongs to now
            UUID leadId = leadFor(organizationId, phone, name);
            UUID owner = leads.find(organizationId, leadId).map(LeadSummary::assignedTo).orElse(null);
            db.update(WHATSAPP_CONVERSATIONS).set(WHATSAPP_CONVERSATIONS.LEAD_ID, leadId)
                    .set(WHATSAPP_CONVERSATIONS.OWNER_ID, owner)
                    .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(organizationId),
                            WHATSAPP_CONVERSATIONS.ID.eq(existing.getId()))
                    .execute();
            return find(organizationId, phone);
        }
        UUID leadId = leadFor(organizationId, phone, name);
        UUID owner = leads.find(organizationId, leadId).map(LeadSummary::assignedTo).orElse(null);
        db.insertInto(WHATSAPP_CONVERSATIONS)
                .set(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID, organizationId)
                .set(WHATSAPP_CONVERSATIONS.PHONE, phone)
                .set(WHATSAPP_CONVERSATIONS.LEAD_ID, leadId)
                .set(WHATSAPP_CONVERSATIONS.OWNER_ID, owner)
                .set(WHATSAPP_CONVERSATIONS.CONTACT_NAME, name)
                .set(WHATSAPP_CONVERSATIONS.LAST_MESSAGE_AT, at)
                .onConflictDoNothing()
                .execute();
        return find(organizationId, phone);
    }

    private WhatsappConversationsRecord find(UUID organizationId, String phone) {
        return db.selectFrom(WHATSAPP_CONVERSATIONS).where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(organizationId),
                WHATSAPP_CONVERSATIONS.PHONE.eq(phone)).fetchOne();
    }

    private UUID leadFor(UUID organizationId, String phone, String name) {
        UUID matched = leads.findByPhones(organizationId, List.of(phone)).get(phone);
        if (matched != null) {
            return matched;
        }
        String first = name == null || name.isBlank() ? phone : name.strip();
        String last = null;
        int space = first.indexOf(' ');
        if (name != null && space > 0) {
            last = first.substring(space + 1).strip();
            first = first.substring(0, space);
        }
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("first_name", first.length() > 100 ? first.substring(0, 100) : first);
        if (last != null && !last.isBlank()) {
            fields.put("last_name", last.length() > 100 ? last.substring(0, 100) : last);
        }
        fields.put("phone", phone);
        fields.put("platform", "whatsapp");
        fields.put("source", "whatsapp");
        fields.put("source_details", "Wrote on WhatsApp");
        LeadRequest request = json.convertValue(fields, LeadRequest.class);
        return intake.receive(organizationId, request).leadId();
    }

    private void status(UUID organizationId, JsonNode status) {
        String wamid = status.path("id").asString(null);
        String state = status.path("status").asString("").toLowerCase(Locale.ROOT);
        if (wamid == null || !Set.of("sent", "delivered", "read", "failed").contains(state)) {
            return;
        }
        OffsetDateTime at = status.path("timestamp").asString("").matches("[0-9]{1,12}")
                ? Instant.ofEpochSecond(Long.parseLong(status.path("timestamp").asString())).atOffset(ZoneOffset.UTC)
                : OffsetDateTime.now(ZoneOffset.UTC);
        String error = null;
        if ("failed".equals(state)) {
            JsonNode first = status.path("errors").path(0);
            error = first.isMissingNode() ? "WhatsApp could not deliver the message"
                    : ("WhatsApp error " + first.path("code").asString("") + ": " + first.path("title").asString(
                            first.path("message").asString("")) + (first.path("error_data").path("details")
                            .isString() ? " (" + first.path("error_data").path("details").asString() + ")" : ""));
        }
        var row = db.selectFrom(WHATSAPP_MESSAGES).where(WHATSAPP_MESSAGES.ORGANIZATION_ID.eq(organizationId),
                WHATSAPP_MESSAGES.WAMID.eq(wamid)).forUpdate().fetchOne();
        DeliveryStatus next = DeliveryStatus.valueOf(state.toUpperCase(Locale.ROOT));
        if (row != null && "outbound".equals(row.getDirection())
                && DeliveryStatus.valueOf(row.getStatus().toUpperCase(Locale.ROOT)).canMoveTo(next)) {
            db.update(WHATSAPP_MESSAGES)
                    .set(WHATSAPP_MESSAGES.STATUS, state)
                    .set(WHATSAPP_MESSAGES.STATUS_AT, at)
                    .set(WHATSAPP_MESSAGES.ERROR, error)
                    .where(WHATSAPP_MESSAGES.ORGANIZATION_ID.eq(organizationId),
                            WHATSAPP_MESSAGES.ID.eq(row.getId()))
                    .execute();
            WhatsappConversationsRecord conversation = db.selectFrom(WHATSAPP_CONVERSATIONS)
                    .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(organizationId),
                            WHATSAPP_CONVERSATIONS.ID.eq(row.getConversationId())).fetchOne();
            if (conversation != null) {
                inbox.publish(organizationId, Inbox.LIVE_STATUS, conversation.getId(), conversation.getLeadId(),
                        conversation.getOwnerId());
            }
        }
        communications.updateStatus(organizationId, Channel.WHATSAPP, wamid,
                next, at, error);
    }

    private static String contactName(JsonNode value, String from) {
        for (JsonNode contact : value.path("contacts")) {
            if (from.equals(contact.path("wa_id").asString(null))) {
                String name = contact.path("profile").path("name").asString(null);
                return name == null || name.isBlank() ? null : (name.length() > 200 ? name.substring(0, 200) : name);
            }
        }
        return null;
    }

    private static String kind(String type) {
        return switch (type) {
            case "text", "image", "document", "audio", "video", "sticker", "location", "contacts", "interactive",
                    "button", "reaction" -> type;
            default -> "other";
        };
    }

    private static String body(JsonNode message, String kind) {
        String text = switch (kind) {
            case "text" -> message.path("text").path("body").asString(null);
            case "image", "document", "video" -> {
                String caption = message.path(kind).path("caption").asString(null);
                String file = message.path(kind).path("filename").asString(null);
                yield "[" + kind + "]" + (file == null ? "" : " " + file) + (caption == null ? "" : " " + caption);
            }
            case "button" -> message.path("button").path("text").asString(null);
            case "interactive" -> {
                JsonNode reply = message.path("interactive").path("button_reply");
                if (reply.isMissingNode()) {
                    reply = message.path("interactive").path("list_reply");
                }
                yield reply.path("title").asString(null);
            }
            case "reaction" -> message.path("reaction").path("emoji").asString(null);
            case "location" -> "[location]";
            case "audio" -> "[voice message]";
            case "sticker" -> "[sticker]";
            case "contacts" -> "[contact card]";
            default -> "[message WhatsApp sent as " + message.path("type").asString("unknown") + "]";
        };
        if (text != null && text.length() > 4096) {
            text = text.substring(0, 4096);
        }
        return text;
    }
}
