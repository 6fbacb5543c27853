package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.SAVED_LEAD_VIEWS;

import com.educonsult.crm.jooq.tables.records.SavedLeadViewsRecord;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved views of the lead list: a name, the list's filters (the query parameters of {@code GET /api/v1/leads}) and
 * the columns shown. A user sees their own views and the organization's shared ones; sharing a view, or removing a
 * shared view someone else made, needs {@code leads:assign} (managers and admins).
 */
@Service
public class SavedViews {

    /** The filters a view may keep: exactly the lead list's query parameters. */
    public static final Set<String> FILTERS = Set.of("status", "source", "platform", "priority", "engagement",
            "assigned_to", "branch_id", "tags", "created_from", "created_to", "follow_up_from", "follow_up_to",
            "not_contacted", "search", "sort", "order");

    public static final List<String> COLUMNS = List.of("name", "status", "phone", "email", "owner", "source",
            "priority", "city", "created_at", "next_follow_up_date", "last_contact_date", "tags");

    @Schema(name = "SavedLeadView")
    public record SavedView(UUID id, String name, Map<String, String> filters, List<String> columns, boolean shared,
            boolean mine, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** What a client sends to save a view. */
    @Schema(name = "SavedLeadViewRequest")
    public record Save(
            @NotBlank @Size(max = 100) String name,
            @Schema(description = "Lead list query parameters, e.g. {\"status\": \"new\", \"assigned_to\": \"me\"}")
            Map<String, String> filters,
            @Schema(description = "Columns to show, in order; empty for the default ones")
            @Size(max = 12) List<String> columns,
            Boolean shared) {
    }

    private static final TypeReference<Map<String, String>> FILTER_MAP = new TypeReference<>() {
    };

    private final DSLContext db;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final Clock clock;

    SavedViews(DSLContext db, JsonMapper json, AuditTrail audit, Clock clock) {
        this.db = db;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<SavedView> list(CurrentUser user) {
        return db.selectFrom(SAVED_LEAD_VIEWS)
                .where(SAVED_LEAD_VIEWS.ORGANIZATION_ID.eq(user.organizationId()),
                        SAVED_LEAD_VIEWS.USER_ID.eq(user.userId()).or(SAVED_LEAD_VIEWS.SHARED))
                .orderBy(DSL.lower(SAVED_LEAD_VIEWS.NAME), SAVED_LEAD_VIEWS.ID)
                .limit(200)
                .fetch(r -> view(user, r));
    }

    @Transactional(readOnly = true)
    public SavedView get(CurrentUser user, UUID id) {
        return view(user, visible(user, id));
    }

    @Transactional
    public SavedView create(CurrentUser user, Save request) {
        boolean shared = Boolean.TRUE.equals(request.shared());
        refuseSharingWithout(user, shared);
        Map<String, String> filters = checkedFilters(request.filters());
        List<String> columns = checkedColumns(request.columns());
        OffsetDateTime now = OffsetDateTime.now(clock);
        SavedLeadViewsRecord row = db.insertInto(SAVED_LEAD_VIEWS)
                .set(SAVED_LEAD_VIEWS.ORGANIZATION_ID, user.organizationId())
                .set(SAVED_LEAD_VIEWS.USER_ID, user.userId())
                .set(SAVED_LEAD_VIEWS.NAME, request.name().strip())
                .set(SAVED_LEAD_VIEWS.FILTERS, JSONB.valueOf(json.writeValueAsString(filters)))
                .set(SAVED_LEAD_VIEWS.COLUMNS, columns.toArray(String[]::new))
                .set(SAVED_LEAD_VIEWS.SHARED, shared)
                .set(SAVED_LEAD_VIEWS.CREATED_AT, now)
                .set(SAVED_LEAD_VIEWS.UPDATED_AT, now)
                .returning()
                .fetchSingle();
        SavedView view = view(user, row);
        audit.record("lead_view.created", "saved_lead_view", row.getId(), null, view);
        return view;
    }

    @Transactional
    public void delete(CurrentUser user, UUID id) {
        SavedLeadViewsRecord row = visible(user, id);
        boolean mine = row.getUserId().equals(user.userId());
        if (!mine && !user.can("leads:assign")) {
            throw ApiException.forbidden("Only its owner, a manager or an admin may remove a shared view");
        }
        db.deleteFrom(SAVED_LEAD_VIEWS)
                .where(SAVED_LEAD_VIEWS.ORGANIZATION_ID.eq(user.organizationId()), SAVED_LEAD_VIEWS.ID.eq(id))
                .execute();
        audit.record("lead_view.deleted", "saved_lead_view", id, view(user, row), null);
    }

    private SavedLeadViewsRecord visible(CurrentUser user, UUID id) {
        return db.selectFrom(SAVED_LEAD_VIEWS)
                .where(SAVED_LEAD_VIEWS.ORGANIZATION_ID.eq(user.organizationId()), SAVED_LEAD_VIEWS.ID.eq(id),
                        SAVED_LEAD_VIEWS.USER_ID.eq(user.userId()).or(SAVED_LEAD_VIEWS.SHARED))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Saved view"));
    }

    private static void refuseSharingWithout(CurrentUser user, boolean shared) {
        if (shared && !user.can("leads:assign")) {
            throw ApiException.invalid("shared", "only managers and admins may share a view");
        }
    }

    private static Map<String, String> checkedFilters(Map<String, String> filters) {
        Map<String, String> kept = new LinkedHashMap<>();
        if (filters == null) {
            return kept;
        }
        filters.forEach((name, value) -> {
            if (!FILTERS.contains(name)) {
                throw ApiException.invalid("filters." + name, "is not a filter of the lead list");
            }
            if (value != null && value.length() > 500) {
                throw ApiException.invalid("filters." + name, "must be at most 500 characters");
            }
            if (value != null && !value.isBlank()) {
                kept.put(name, value.strip());
            }
        });
        // the same checks the list applies, so that a saved view always opens
        LeadFilter.of(kept.get("status"), kept.get("source"), kept.get("platform"), kept.get("priority"),
                kept.get("engagement"), kept.get("assigned_to"), kept.get("branch_id"), kept.get("tags"),
                kept.get("created_from"), kept.get("created_to"), kept.get("follow_up_from"), kept.get("follow_up_to"),
                null, kept.get("search"), null, kept.get("sort"), kept.get("order"), null);
        return kept;
    }

    private static List<String> checkedColumns(List<String> columns) {
        if (columns == null) {
            return List.of();
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!COLUMNS.contains(columns.get(i))) {
                throw ApiException.invalid("columns[" + i + "]", "must be one of " + String.join(", ", COLUMNS));
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(columns));
    }

    private SavedView view(CurrentUser user, SavedLeadViewsRecord r) {
        Map<String, String> filters = json.readValue(r.getFilters().data(), FILTER_MAP);
        return new SavedView(r.getId(), r.getName(), filters, Arrays.asList(r.getColumns()), r.getShared(),
                r.getUserId().equals(user.userId()), r.getCreatedAt(), r.getUpdatedAt());
    }
}
