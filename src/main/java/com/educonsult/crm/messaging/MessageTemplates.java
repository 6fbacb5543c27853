package com.educonsult.crm.messaging;

import com.educonsult.crm.platform.Text;
import static com.educonsult.crm.jooq.Tables.MESSAGE_TEMPLATES;

import com.educonsult.crm.jooq.tables.records.MessageTemplatesRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Message templates for WhatsApp, SMS and email. Names are unique per organization, ignoring case. */
@Service
public class MessageTemplates {

    static final String CHANNELS = "whatsapp|sms|email";

    public record MessageTemplateView(UUID id, String name, String category, boolean isWhatsapp, boolean isSms,
            boolean isEmail, String subject, String content, List<String> placeholders, List<String> tags,
            boolean active, UUID createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    record TagCount(String tag, int templateCount) {
    }

    /** Filters of the list; null means any. */
    public record Filter(String category, String channel, String tag, String search, Boolean active) {
        public Filter {
            category = Text.blankToNull(category);
            channel = Text.blankToNull(channel);
            tag = Text.blankToNull(tag);
            search = Text.blankToNull(search);
        }
    }

    private final DSLContext db;
    private final AuditTrail audit;
    private final Clock clock;

    MessageTemplates(DSLContext db, AuditTrail audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<MessageTemplateView> list(UUID organizationId, Filter filter, PageRequest paging) {
        Condition condition = MESSAGE_TEMPLATES.ORGANIZATION_ID.eq(organizationId);
        if (filter.category() != null) {
            condition = condition.and(MESSAGE_TEMPLATES.CATEGORY.eq(filter.category()));
        }
        if (filter.channel() != null) {
            condition = condition.and(channel(filter.channel()).isTrue());
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            condition = condition.and(MESSAGE_TEMPLATES.TAGS.contains(new String[] {tag(filter.tag())}));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String term = filter.search().trim();
            condition = condition.and(MESSAGE_TEMPLATES.NAME.containsIgnoreCase(term)
                    .or(MESSAGE_TEMPLATES.CONTENT.containsIgnoreCase(term)));
        }
        if (filter.active() != null) {
            condition = condition.and(MESSAGE_TEMPLATES.ACTIVE.eq(filter.active()));
        }
        long total = db.fetchCount(MESSAGE_TEMPLATES, condition);
        var items = db.selectFrom(MESSAGE_TEMPLATES).where(condition)
                .orderBy(DSL.lower(MESSAGE_TEMPLATES.NAME), MESSAGE_TEMPLATES.ID)
                .limit(paging.limit()).offset(paging.offset())
                .fetch(MessageTemplates::view);
        return paging.page(items, total);
    }

    /** Every tag in use, with how many templates carry it. */
    @Transactional(readOnly = true)
    List<TagCount> tags(UUID organizationId) {
        Field<String> tag = DSL.field("tag", String.class);
        return db.select(tag, DSL.count())
                .from(MESSAGE_TEMPLATES, DSL.unnest(MESSAGE_TEMPLATES.TAGS).as("t", "tag"))
                .where(MESSAGE_TEMPLATES.ORGANIZATION_ID.eq(organizationId))
                .groupBy(tag)
                .orderBy(tag)
                .fetch(r -> new TagCount(r.value1(), r.value2()));
    }

    @Transactional(readOnly = true)
    public MessageTemplateView get(UUID organizationId, UUID id) {
        return view(find(organizationId, id));
    }

    /** The template itself, for rendering. */
    MessageTemplatesRecord find(UUID organizationId, UUID id) {
        return db.selectFrom(MESSAGE_TEMPLATES)
                .where(MESSAGE_TEMPLATES.ORGANIZATION_ID.eq(organizationId), MESSAGE_TEMPLATES.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Message template"));
    }

    @Transactional
    public MessageTemplateView create(UUID organizationId, UUID userId, TemplateRequests.CreateMessageTemplate request) {
        String name = request.name().trim();
        checkNameFree(organizationId, name, null);
        MessageTemplatesRecord template = db.newRecord(MESSAGE_TEMPLATES);
        template.setOrganizationId(organizationId);
        template.setId(Ids.newId());
        template.setName(name);
        template.setCategory(request.category() == null ? "general" : request.category());
        template.setIsWhatsapp(request.isWhatsapp() == null || request.isWhatsapp());
        template.setIsSms(Boolean.TRUE.equals(request.isSms()));
        template.setIsEmail(Boolean.TRUE.equals(request.isEmail()));
        template.setSubject(Placeholders.withPlaceholders("subject", Text.blankToNull(request.subject())));
        template.setContent(Placeholders.withPlaceholders("content", request.content().strip()));
        template.setTags(tags(request.tags()));
        template.setActive(request.active() == null || request.active());
        template.setCreatedBy(userId);
        checkChannels(template);
        template.insert();
        MessageTemplateView created = view(find(organizationId, template.getId()));
        audit.record("message_template.created", "message_template", template.getId(), null, created);
        return created;
    }

    @Transactional
    public MessageTemplateView update(UUID organizationId, UUID id, TemplateRequests.UpdateMessageTemplate request,
            MergePatch patch) {
        MessageTemplatesRecord template = find(organizationId, id);
        MessageTemplateView before = view(template);
        if (request.name() != null) {
            String name = request.name().trim();
            checkNameFree(organizationId, name, id);
            template.setName(name);
        }
        if (request.category() != null) {
            template.setCategory(request.category());
        }
        if (request.isWhatsapp() != null) {
            template.setIsWhatsapp(request.isWhatsapp());
        }
        if (request.isSms() != null) {
            template.setIsSms(request.isSms());
        }
        if (request.isEmail() != null) {
            template.setIsEmail(request.isEmail());
        }
        checkChannels(template);
        patch.applyText("subject", request.subject(),
                subject -> template.setSubject(Placeholders.withPlaceholders("subject", subject)));
        if (request.content() != null) {
            template.setContent(Placeholders.withPlaceholders("content", request.content().strip()));
        }
        patch.apply("tags", request.tags(), given -> template.setTags(tags(given == null ? List.of() : given)));
        if (request.active() != null) {
            template.setActive(request.active());
        }
        template.setUpdatedAt(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        db.update(MESSAGE_TEMPLATES).set(template)
                .where(MESSAGE_TEMPLATES.ORGANIZATION_ID.eq(organizationId), MESSAGE_TEMPLATES.ID.eq(id))
                .execute();
        MessageTemplateView after = view(find(organizationId, id));
        audit.record("message_template.updated", "message_template", id, before, after);
        return after;
    }

    @Transactional
    public void delete(UUID organizationId, UUID id) {
        MessageTemplateView before = view(find(organizationId, id));
        db.deleteFrom(MESSAGE_TEMPLATES)
                .where(MESSAGE_TEMPLATES.ORGANIZATION_ID.eq(organizationId), MESSAGE_TEMPLATES.ID.eq(id))
                .execute();
        audit.record("message_template.deleted", "message_template", id, before, null);
    }

    private static Field<Boolean> channel(String channel) {
        return switch (channel.toLowerCase(Locale.ROOT)) {
            case "whatsapp" -> MESSAGE_TEMPLATES.IS_WHATSAPP;
            case "sms" -> MESSAGE_TEMPLATES.IS_SMS;
            case "email" -> MESSAGE_TEMPLATES.IS_EMAIL;
            default -> throw ApiException.invalid("channel", "must be one of " + CHANNELS);
        };
    }

    private static void checkChannels(MessageTemplatesRecord template) {
        if (!template.getIsWhatsapp() && !template.getIsSms() && !template.getIsEmail()) {
            throw ApiException.invalid("is_whatsapp", "a template needs at least one channel: WhatsApp, SMS or email");
        }
    }

    private void checkNameFree(UUID organizationId, String name, UUID exceptId) {
        boolean taken = db.fetchExists(MESSAGE_TEMPLATES, MESSAGE_TEMPLATES.ORGANIZATION_ID.eq(organizationId),
                DSL.lower(MESSAGE_TEMPLATES.NAME).eq(name.toLowerCase(Locale.ROOT)),
                exceptId == null ? DSL.noCondition() : MESSAGE_TEMPLATES.ID.ne(exceptId));
        if (taken) {
            throw ApiException.conflict("name", "another message template already has this name");
        }
    }

    private static String tag(String tag) {
        return tag.trim().toLowerCase(Locale.ROOT);
    }

    private static String[] tags(List<String> tags) {
        return tags == null ? new String[0] : tags.stream().map(MessageTemplates::tag).distinct().toArray(String[]::new);
    }

    static MessageTemplateView view(MessageTemplatesRecord t) {
        List<String> placeholders = new java.util.ArrayList<>(TemplateRendering.placeholders(t.getSubject()));
        TemplateRendering.placeholders(t.getContent()).stream().filter(p -> !placeholders.contains(p)).forEach(placeholders::add);
        return new MessageTemplateView(t.getId(), t.getName(), t.getCategory(), t.getIsWhatsapp(), t.getIsSms(),
                t.getIsEmail(), t.getSubject(), t.getContent(), List.copyOf(placeholders), Arrays.asList(t.getTags()),
                t.getActive(), t.getCreatedBy(), t.getCreatedAt(), t.getUpdatedAt());
    }
}
