package com.educonsult.crm.messaging;

import static com.educonsult.crm.jooq.Tables.COMMUNICATIONS;

import com.educonsult.crm.activities.Communicated;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.jooq.tables.records.CommunicationsRecord;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.db.Totals;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The communications hub for people: list and read the communications of the leads a user may see, send a message
 * to a lead (queued with its outbox delivery in one transaction), log a call, meeting, letter or chat, change or
 * delete a logged one, and a lead's whole thread across channels.
 *
 * <p>Visibility follows the leads: a user sees the communications of the leads they can see (their data scope);
 * communications matched to no lead (an inbound email from an unknown sender) only users who see the whole
 * organization.
 */
@Service
public class CommunicationLog {

    private static final TypeReference<List<OutgoingMessage.Attachment>> ATTACHMENTS = new TypeReference<>() {
    };
    private static final Set<String> LOGGED_TYPES = Set.of("call", "meeting", "letter", "chat");

    /** The filters of GET /communications; null for any. */
    public record Filter(UUID leadId, UUID userId, String type, String direction, String status, UUID campaignId,
            OffsetDateTime from, OffsetDateTime to) {

        public static Filter lead(UUID leadId) {
            return new Filter(leadId, null, null, null, null, null, null, null);
        }
    }

    private final DSLContext db;
    private final LeadDirectory leads;
    private final UserDirectory users;
    private final Communications communications;
    private final Consents consents;
    private final LeadRendering rendering;
    private final MessageTemplates templates;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    private final WhatsAppWindow whatsAppWindow;
    private final WhatsAppTemplates whatsAppTemplates;
    private final MessageAttachments attachments;

    CommunicationLog(DSLContext db, LeadDirectory leads, UserDirectory users, Communications communications,
            Consents consents, LeadRendering rendering, MessageTemplates templates, AuditTrail audit,
            ApplicationEventPublisher events, JsonMapper json, Clock clock, WhatsAppWindow whatsAppWindow,
            WhatsAppTemplates whatsAppTemplates, MessageAttachments attachments) {
        this.attachments = attachments;
        this.whatsAppWindow = whatsAppWindow;
        this.whatsAppTemplates = whatsAppTemplates;
        this.db = db;
        this.leads = leads;
        this.users = users;
        this.communications = communications;
        this.consents = consents;
        this.rendering = rendering;
        this.templates = templates;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<CommunicationView> list(CurrentUser user, Filter filter, PageRequest paging) {
        var c = COMMUNICATIONS;
        Condition where = c.ORGANIZATION_ID.eq(user.organizationId()).and(visible(user));
        if (filter.leadId() != null) {
            where = where.and(c.LEAD_ID.eq(filter.leadId()));
        }
        if (filter.userId() != null) {
            where = where.and(c.USER_ID.eq(filter.userId()));
        }
        if (filter.type() != null) {
            where = where.and(c.TYPE.eq(filter.type()));
        }
        if (filter.direction() != null) {
            where = where.and(c.DIRECTION.eq(filter.direction()));
        }
        if (filter.status() != null) {
            where = where.and(c.STATUS.eq(filter.status()));
        }
        if (filter.campaignId() != null) {
            where = where.and(c.CAMPAIGN_ID.eq(filter.campaignId()));
        }
        if (filter.from() != null) {
            where = where.and(c.CREATED_AT.ge(filter.from()));
        }
        if (filter.to() != null) {
            where = where.and(c.CREATED_AT.lt(filter.to()));
        }
        List<CommunicationsRecord> rows = db.selectFrom(c).where(where)
                .orderBy(c.CREATED_AT.desc(), c.ID.desc())
                .limit(paging.limit()).offset(paging.offset())
                .fetch();
        return paging.page(views(user.organizationId(), rows), Totals.of(db, db.select(c.ID).from(c).where(where)));
    }

    /** A lead's thread across channels, newest first: 404 for a lead the user cannot see. */
    @Transactional(readOnly = true)
    public Page<CommunicationView> history(CurrentUser user, UUID leadId, PageRequest paging) {
        leads.findVisible(user, leadId).orElseThrow(() -> ApiException.notFound("Lead"));
        return list(user, Filter.lead(leadId), paging);
    }

    @Transactional(readOnly = true)
    public CommunicationView get(CurrentUser user, UUID id) {
        return views(user.organizationId(), List.of(find(user, id))).getFirst();
    }

    /**
     * Sends a message (email, SMS, WhatsApp) or logs a call, meeting, letter or chat. 422 naming the field for a
     * lead the user cannot see, a template that does not exist or is not for the channel, a missing body or
     * subject, an address that is not one, or a bulk message to an opted-out address.
     */
    @Transactional
    public CommunicationView create(CurrentUser user, CommunicationRequests.Create request) {
        LeadSummary lead = leads.lockVisible(user, request.leadId())
                .orElseThrow(() -> ApiException.invalid("lead_id", "is not a lead of the organization you can see"));
        String type = request.type();
        UUID id = LOGGED_TYPES.contains(type) ? log(user, lead, request) : send(user, lead, request);
        CommunicationView created = get(user, id);
        audit.record("communication.created", "communication", id, null, created);
        if (LOGGED_TYPES.contains(type)) {
            // a sent message reaches the timeline from Communications.enqueue, as every one-to-one message does
            events.publishEvent(new Communicated(user.organizationId(), id, lead.id(), user.userId(), type,
                    created.direction(), blank(created.subject()) ? summary(created.body()) : created.subject(),
                    created.createdAt()));
        }
        return created;
    }

    private UUID send(CurrentUser user, LeadSummary lead, CommunicationRequests.Create request) {
        if (!user.can("messages:send")) {
            throw ApiException.forbidden("Sending messages needs the messages:send permission");
        }
        Channel channel = Channel.fromWire(request.type());
        String subject = request.subject();
        String body = request.body();
        if (request.templateId() != null) {
            var template = template(user, request.templateId(), channel);
            LeadRendering.RenderedMessage rendered = rendering.render(user, template.id(), lead.id());
            subject = blank(subject) ? rendered.subject() : subject;
            body = blank(body) ? rendered.text() : body;
        }
        List<String> files = request.attachments() == null ? List.of() : request.attachments();
        List<FieldError> errors = new ArrayList<>(attachmentErrors(user, channel, request, files));
        if (blank(body) && blank(request.providerTemplate()) && (files.isEmpty() || channel == Channel.SMS)) {
            errors.add(new FieldError("body", "is required: write the message or choose a template"));
        }
        if (channel == Channel.EMAIL && blank(subject)) {
            errors.add(new FieldError("subject", "is required for an email"));
        }
        if (channel != Channel.EMAIL && request.html() != null) {
            errors.add(new FieldError("html", "is only for email"));
        }
        String to = blank(request.to()) ? (channel == Channel.EMAIL ? lead.email() : lead.phone()) : request.to();
        String toField = blank(request.to()) ? "lead_id" : "to";
        if (blank(to)) {
            errors.add(new FieldError(toField, channel == Channel.EMAIL
                    ? "the lead has no email address: give one in to" : "the lead has no phone number: give one in to"));
        } else if (consents.normalize(user.organizationId(), channel, to).isEmpty()) {
            errors.add(new FieldError(toField, channel == Channel.EMAIL ? "is not an email address"
                    : "is not a phone number"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "The message cannot be sent", errors);
        }
        boolean bulk = Boolean.TRUE.equals(request.bulk());
        if (bulk && consents.optedOut(user.organizationId(), channel, to)) {
            throw ApiException.invalid(toField, "opted out of " + channel.wire()
                    + " messages: bulk and automated messages are not sent to them");
        }
        if (channel == Channel.WHATSAPP) {
            // WhatsApp's 24-hour window: free text only within 24 hours of the student's last message
            boolean template = !blank(request.providerTemplate());
            whatsAppWindow.check(user.organizationId(), to, template, "body");
            if (template && whatsAppTemplates.anySynced(user.organizationId())) {
                whatsAppTemplates.requireApproved(user.organizationId(), request.providerTemplate(),
                        request.providerTemplateLanguage(), request.templateParameters(), "provider_template",
                        "template_parameters");
            }
        }
        NewMessage message = new NewMessage(lead.id(), channel, to.trim(), subject, body, request.html(),
                request.templateId(), request.providerTemplate(), request.providerTemplateLanguage(),
                request.templateParameters(), null, bulk, user.userId(),
                files.stream().map(NewMessage.File::of).toList());
        return communications.enqueue(user.organizationId(), List.of(message)).getFirst();
    }

    /**
     * What is wrong with a message's attachments before storage is asked: SMS takes none, a WhatsApp template none,
     * no more than the channel takes, and only files uploaded for the organization's messages. Storage checks each
     * file when the message is queued.
     */
    private List<FieldError> attachmentErrors(CurrentUser user, Channel channel, CommunicationRequests.Create request,
            List<String> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        if (channel == Channel.SMS) {
            return List.of(new FieldError("attachments", "an SMS carries no attachment"));
        }
        if (channel == Channel.WHATSAPP && !blank(request.providerTemplate())) {
            return List.of(new FieldError("attachments", "a WhatsApp template message carries no attachment"));
        }
        int max = AttachmentRules.maxFiles(channel);
        if (files.size() > max) {
            return List.of(new FieldError("attachments", "a " + channel.wire() + " message carries at most " + max
                    + (max == 1 ? " file" : " files")));
        }
        String prefix = MessageAttachments.uploadPrefix(user.organizationId());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) == null || !files.get(i).startsWith(prefix)) {
                errors.add(new FieldError("attachments[" + i + "]",
                        "is not a file uploaded for the organization's messages"));
            }
        }
        return errors;
    }

    private MessageTemplates.MessageTemplateView template(CurrentUser user, UUID templateId, Channel channel) {
        MessageTemplates.MessageTemplateView template;
        try {
            template = templates.get(user.organizationId(), templateId);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw ApiException.invalid("template_id", "is not a message template of the organization");
            }
            throw e;
        }
        boolean fits = switch (channel) {
            case EMAIL -> template.isEmail();
            case SMS -> template.isSms();
            case WHATSAPP -> template.isWhatsapp();
        };
        if (!fits) {
            throw ApiException.invalid("template_id", "is not a template for " + channel.wire());
        }
        return template;
    }

    private UUID log(CurrentUser user, LeadSummary lead, CommunicationRequests.Create request) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(request.body()) && blank(request.subject())) {
            errors.add(new FieldError("body", "is required: say what was discussed"));
        }
        for (String field : List.of("to", "html", "template_id", "provider_template", "template_parameters", "bulk",
                "attachments")) {
            Object value = switch (field) {
                case "attachments" -> request.attachments();
                case "to" -> request.to();
                case "html" -> request.html();
                case "template_id" -> request.templateId();
                case "provider_template" -> request.providerTemplate();
                case "template_parameters" -> request.templateParameters();
                default -> request.bulk();
            };
            if (value != null) {
                errors.add(new FieldError(field, "is only for sending an email, SMS or WhatsApp message"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "The communication cannot be logged", errors);
        }
        OffsetDateTime now = now();
        OffsetDateTime at = request.occurredAt() != null ? request.occurredAt() : now;
        if (at.isAfter(now.plusMinutes(5))) {
            throw ApiException.invalid("occurred_at", "must not be in the future");
        }
        UUID id = Ids.newId();
        db.insertInto(COMMUNICATIONS)
                .set(COMMUNICATIONS.ORGANIZATION_ID, user.organizationId())
                .set(COMMUNICATIONS.ID, id)
                .set(COMMUNICATIONS.LEAD_ID, lead.id())
                .set(COMMUNICATIONS.USER_ID, user.userId())
                .set(COMMUNICATIONS.TYPE, request.type())
                .set(COMMUNICATIONS.DIRECTION, request.direction() == null ? "outbound" : request.direction())
                .set(COMMUNICATIONS.STATUS, "logged")
                .set(COMMUNICATIONS.SUBJECT, request.subject())
                .set(COMMUNICATIONS.BODY, request.body())
                .set(COMMUNICATIONS.CREATED_AT, at)
                .set(COMMUNICATIONS.UPDATED_AT, now)
                .execute();
        return id;
    }

    /** Changes a logged communication (409 for a sent or received message). */
    @Transactional
    public CommunicationView update(CurrentUser user, UUID id, CommunicationRequests.Update request,
            MergePatch patch) {
        CommunicationsRecord row = find(user, id);
        if (!"logged".equals(row.getStatus())) {
            throw ApiException.conflict("status", "A sent or received message is a record of what went out or came "
                    + "in and cannot be changed");
        }
        if (row.getLeadId() != null) {
            leads.lock(user.organizationId(), row.getLeadId());
        }
        CommunicationView before = get(user, id);
        patch.apply("subject", request.subject(), row::setSubject);
        if (request.body() != null) {
            row.setBody(request.body());
        }
        if (request.direction() != null) {
            row.setDirection(request.direction());
        }
        if (request.occurredAt() != null) {
            if (request.occurredAt().isAfter(now().plusMinutes(5))) {
                throw ApiException.invalid("occurred_at", "must not be in the future");
            }
            row.setCreatedAt(request.occurredAt());
        }
        if (blank(row.getSubject()) && blank(row.getBody())) {
            throw ApiException.invalid("body", "is required: say what was discussed");
        }
        row.setUpdatedAt(now());
        db.update(COMMUNICATIONS).set(row)
                .where(COMMUNICATIONS.ORGANIZATION_ID.eq(user.organizationId()), COMMUNICATIONS.ID.eq(id))
                .execute();
        CommunicationView after = get(user, id);
        audit.record("communication.updated", "communication", id, before, after);
        return after;
    }

    /** Deletes a logged communication (409 for a sent or received message, which stays on the record). */
    @Transactional
    public void delete(CurrentUser user, UUID id) {
        CommunicationsRecord row = find(user, id);
        if (!"logged".equals(row.getStatus())) {
            throw ApiException.conflict("status", "A sent or received message stays on the lead's record and "
                    + "cannot be deleted");
        }
        CommunicationView before = get(user, id);
        db.deleteFrom(COMMUNICATIONS)
                .where(COMMUNICATIONS.ORGANIZATION_ID.eq(user.organizationId()), COMMUNICATIONS.ID.eq(id))
                .execute();
        audit.record("communication.deleted", "communication", id, before, null);
    }

    /** The lead a communication belongs to, regardless of who asks (for webhooks); null for none. */
    @Transactional(readOnly = true)
    public UUID leadOf(UUID organizationId, UUID id) {
        return db.select(COMMUNICATIONS.LEAD_ID).from(COMMUNICATIONS)
                .where(COMMUNICATIONS.ORGANIZATION_ID.eq(organizationId), COMMUNICATIONS.ID.eq(id))
                .fetchOne(COMMUNICATIONS.LEAD_ID);
    }

    private CommunicationsRecord find(CurrentUser user, UUID id) {
        return db.selectFrom(COMMUNICATIONS)
                .where(COMMUNICATIONS.ORGANIZATION_ID.eq(user.organizationId()), COMMUNICATIONS.ID.eq(id))
                .and(visible(user))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Communication"));
    }

    private Condition visible(CurrentUser user) {
        Condition ofVisibleLead = COMMUNICATIONS.LEAD_ID.isNotNull()
                .and(leads.visibleLead(user, COMMUNICATIONS.LEAD_ID));
        return user.dataScope() == DataScope.ALL ? ofVisibleLead.or(COMMUNICATIONS.LEAD_ID.isNull()) : ofVisibleLead;
    }

    private List<CommunicationView> views(UUID organizationId, List<CommunicationsRecord> rows) {
        Collection<UUID> userIds = new HashSet<>();
        rows.stream().map(CommunicationsRecord::getUserId).filter(Objects::nonNull).forEach(userIds::add);
        Map<UUID, UserSummary> names = userIds.isEmpty() ? Map.of() : users.findAll(organizationId, userIds);
        return rows.stream().map(r -> new CommunicationView(r.getId(), r.getLeadId(), r.getUserId(),
                r.getUserId() == null || names.get(r.getUserId()) == null ? null : names.get(r.getUserId()).fullName(),
                r.getType(), r.getDirection(), r.getStatus(), r.getSubject(), r.getBody(), r.getHtml(),
                r.getToAddress(), r.getFromAddress(), r.getProviderMessageId(), r.getCampaignId(), r.getTemplateId(),
                r.getEmailMessageId(), r.getInReplyTo(),
                attachments.withLinks(json.readValue(r.getAttachments().data(), ATTACHMENTS)),
                r.getError(), r.getSentAt(), r.getDeliveredAt(), r.getReadAt(), r.getFailedAt(), r.getCreatedAt(),
                r.getUpdatedAt())).toList();
    }

    private static String summary(String body) {
        if (body == null) {
            return null;
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 199) + "…" : flat;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
