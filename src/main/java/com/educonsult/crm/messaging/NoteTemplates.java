package com.educonsult.crm.messaging;

import com.educonsult.crm.platform.Text;
import static com.educonsult.crm.jooq.Tables.NOTE_TEMPLATES;

import com.educonsult.crm.jooq.tables.records.NoteTemplatesRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ready-made notes counselors pick after a call or a meeting. */
@Service
public class NoteTemplates {

    public record NoteTemplateView(UUID id, String title, String content, String category, boolean active, UUID createdBy,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** Filters of the list; null means any. */
    public record Filter(String category, String search, Boolean active) {
        public Filter {
            category = Text.blankToNull(category);
            search = Text.blankToNull(search);
        }
    }

    private final DSLContext db;
    private final AuditTrail audit;
    private final Clock clock;

    NoteTemplates(DSLContext db, AuditTrail audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<NoteTemplateView> list(UUID organizationId, Filter filter, PageRequest paging) {
        Condition condition = NOTE_TEMPLATES.ORGANIZATION_ID.eq(organizationId);
        if (filter.category() != null) {
            condition = condition.and(NOTE_TEMPLATES.CATEGORY.eq(filter.category()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String term = filter.search().trim();
            condition = condition.and(NOTE_TEMPLATES.TITLE.containsIgnoreCase(term)
                    .or(NOTE_TEMPLATES.CONTENT.containsIgnoreCase(term)));
        }
        if (filter.active() != null) {
            condition = condition.and(NOTE_TEMPLATES.ACTIVE.eq(filter.active()));
        }
        long total = db.fetchCount(NOTE_TEMPLATES, condition);
        var items = db.selectFrom(NOTE_TEMPLATES).where(condition)
                .orderBy(NOTE_TEMPLATES.CATEGORY, DSL.lower(NOTE_TEMPLATES.TITLE), NOTE_TEMPLATES.ID)
                .limit(paging.limit()).offset(paging.offset())
                .fetch(NoteTemplates::view);
        return paging.page(items, total);
    }

    @Transactional(readOnly = true)
    public NoteTemplateView get(UUID organizationId, UUID id) {
        return view(find(organizationId, id));
    }

    @Transactional
    public NoteTemplateView create(UUID organizationId, UUID userId, TemplateRequests.CreateNoteTemplate request) {
        UUID id = Ids.newId();
        db.insertInto(NOTE_TEMPLATES)
                .set(NOTE_TEMPLATES.ORGANIZATION_ID, organizationId)
                .set(NOTE_TEMPLATES.ID, id)
                .set(NOTE_TEMPLATES.TITLE, request.title().trim())
                .set(NOTE_TEMPLATES.CONTENT, request.content().strip())
                .set(NOTE_TEMPLATES.CATEGORY, request.category() == null ? "general" : request.category())
                .set(NOTE_TEMPLATES.ACTIVE, request.active() == null || request.active())
                .set(NOTE_TEMPLATES.CREATED_BY, userId)
                .execute();
        NoteTemplateView created = view(find(organizationId, id));
        audit.record("note_template.created", "note_template", id, null, created);
        return created;
    }

    @Transactional
    public NoteTemplateView update(UUID organizationId, UUID id, TemplateRequests.UpdateNoteTemplate request) {
        NoteTemplatesRecord template = find(organizationId, id);
        NoteTemplateView before = view(template);
        if (request.title() != null) {
            template.setTitle(request.title().trim());
        }
        if (request.content() != null) {
            template.setContent(request.content().strip());
        }
        if (request.category() != null) {
            template.setCategory(request.category());
        }
        if (request.active() != null) {
            template.setActive(request.active());
        }
        template.setUpdatedAt(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        db.update(NOTE_TEMPLATES).set(template)
                .where(NOTE_TEMPLATES.ORGANIZATION_ID.eq(organizationId), NOTE_TEMPLATES.ID.eq(id))
                .execute();
        NoteTemplateView after = view(find(organizationId, id));
        audit.record("note_template.updated", "note_template", id, before, after);
        return after;
    }

    @Transactional
    public void delete(UUID organizationId, UUID id) {
        NoteTemplateView before = view(find(organizationId, id));
        db.deleteFrom(NOTE_TEMPLATES)
                .where(NOTE_TEMPLATES.ORGANIZATION_ID.eq(organizationId), NOTE_TEMPLATES.ID.eq(id))
                .execute();
        audit.record("note_template.deleted", "note_template", id, before, null);
    }

    private NoteTemplatesRecord find(UUID organizationId, UUID id) {
        return db.selectFrom(NOTE_TEMPLATES)
                .where(NOTE_TEMPLATES.ORGANIZATION_ID.eq(organizationId), NOTE_TEMPLATES.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Note template"));
    }

    private static NoteTemplateView view(NoteTemplatesRecord t) {
        return new NoteTemplateView(t.getId(), t.getTitle(), t.getContent(), t.getCategory(), t.getActive(),
                t.getCreatedBy(), t.getCreatedAt(), t.getUpdatedAt());
    }
}
