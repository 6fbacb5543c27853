package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEAD_ASSIGNMENT_SETTINGS;

import com.educonsult.crm.jooq.tables.records.LeadAssignmentSettingsRecord;
import com.educonsult.crm.leads.AssignmentRequests.Rule;
import com.educonsult.crm.leads.AssignmentViews.SettingsView;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.cache.SharedCaches;
import com.educonsult.crm.platform.cache.TableCache;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The organization's choice of how new leads are assigned: mode, per branch, and per-source user sets. */
@Service
public class AutoAssignmentSettings {

    private static final TypeReference<List<Rule>> RULES = new TypeReference<>() {
    };

    private final DSLContext db;
    private final Assignments assignments;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    /** Each organization's settings, read by every lead created. */
    private final TableCache<String, SettingsView> cached;

    AutoAssignmentSettings(DSLContext db, Assignments assignments, AuditTrail audit, JsonMapper json, Clock clock,
            SharedCaches caches) {
        this.db = db;
        this.cached = caches.cache("assignment settings", java.util.Set.of("lead_assignment_settings"), 10_000);
        this.assignments = assignments;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public SettingsView get(UUID organizationId) {
        return cached.get(organizationId, "settings", () -> read(organizationId));
    }

    private SettingsView read(UUID organizationId) {
        return db.selectFrom(LEAD_ASSIGNMENT_SETTINGS)
                .where(LEAD_ASSIGNMENT_SETTINGS.ORGANIZATION_ID.eq(organizationId))
                .fetchOptional(this::view)
                .orElse(new SettingsView("off", false, List.of(), null));
    }

    @Transactional
    public SettingsView update(CurrentUser actor, AssignmentRequests.Settings request) {
        cached.changed(actor.organizationId());
        List<Rule> rules = request.rules() == null ? List.of() : request.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            boolean hasSource = rule.source() != null && !rule.source().isBlank();
            if (hasSource == (rule.platform() != null)) {
                throw ApiException.invalid("rules[" + i + "].source", "give either a source or a platform");
            }
            for (UUID userId : rule.userIds()) {
                assignments.checkedAssignee(actor, userId, "rules[" + i + "].user_ids");
            }
        }
        List<Rule> cleaned = rules.stream().map(r -> new Rule(r.source() == null ? null : r.source().trim(),
                r.platform(), r.userIds().stream().distinct().toList())).toList();
        SettingsView before = get(actor.organizationId());
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        JSONB storedRules = JSONB.valueOf(json.writeValueAsString(cleaned));
        boolean perBranch = Boolean.TRUE.equals(request.perBranch());
        db.insertInto(LEAD_ASSIGNMENT_SETTINGS)
                .set(LEAD_ASSIGNMENT_SETTINGS.ORGANIZATION_ID, actor.organizationId())
                .set(LEAD_ASSIGNMENT_SETTINGS.MODE, request.mode())
                .set(LEAD_ASSIGNMENT_SETTINGS.PER_BRANCH, perBranch)
                .set(LEAD_ASSIGNMENT_SETTINGS.RULES, storedRules)
                .set(LEAD_ASSIGNMENT_SETTINGS.UPDATED_AT, now)
                .onConflict(LEAD_ASSIGNMENT_SETTINGS.ORGANIZATION_ID).doUpdate()
                .set(LEAD_ASSIGNMENT_SETTINGS.MODE, request.mode())
                .set(LEAD_ASSIGNMENT_SETTINGS.PER_BRANCH, perBranch)
                .set(LEAD_ASSIGNMENT_SETTINGS.RULES, storedRules)
                .set(LEAD_ASSIGNMENT_SETTINGS.UPDATED_AT, now)
                .execute();
        SettingsView after = get(actor.organizationId());
        audit.record("lead_assignment_settings.updated", "lead_assignment_settings", actor.organizationId(),
                before, after);
        return after;
    }

    private SettingsView view(LeadAssignmentSettingsRecord row) {
        return new SettingsView(row.getMode(), row.getPerBranch(),
                List.copyOf(json.readValue(row.getRules().data(), RULES)), row.getUpdatedAt());
    }
}
