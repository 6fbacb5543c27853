package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_ASSIGNMENTS;

import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Live leads that share a phone or an email, and folding one lead into another. */
@Service
public class LeadDuplicates {

    /** Leads sharing one normalized phone (primary or secondary) or email. */
    public record DuplicateGroup(String matchedOn, String value, List<LeadView> leads) {
    }

    private final DSLContext db;
    private final LeadRows rows;
    private final LeadViews views;
    private final Stages stages;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    LeadDuplicates(DSLContext db, LeadRows rows, LeadViews views, Stages stages, AuditTrail audit,
            ApplicationEventPublisher events) {
        this.db = db;
        this.rows = rows;
        this.views = views;
        this.stages = stages;
        this.audit = audit;
        this.events = events;
    }

    @Transactional(readOnly = true)
    Page<DuplicateGroup> groups(CurrentUser user, PageRequest paging) {
        Field<String> value = DSL.field(DSL.name("value"), String.class);
        Field<UUID> id = DSL.field(DSL.name("id"), UUID.class);
        Table<?> keys = DSL.select(LEADS.PHONE.as("value"), LEADS.ID.as("id")).from(LEADS)
                .where(LeadScope.visibleAndLive(user), LEADS.PHONE.isNotNull())
                .unionAll(DSL.select(LEADS.SECONDARY_PHONE, LEADS.ID).from(LEADS)
                        .where(LeadScope.visibleAndLive(user), LEADS.SECONDARY_PHONE.isNotNull()))
                .unionAll(DSL.select(LEADS.EMAIL, LEADS.ID).from(LEADS)
                        .where(LeadScope.visibleAndLive(user), LEADS.EMAIL.isNotNull()))
                .asTable("duplicate_keys");
        var shared = DSL.select(value, DSL.arrayAggDistinct(id).as("ids")).from(keys).groupBy(value)
                .having(DSL.countDistinct(id).gt(1));
        long total = db.fetchCount(shared);
        var page = db.selectFrom(shared.asTable("shared")).orderBy(DSL.field(DSL.name("value")))
                .limit(paging.limit()).offset(paging.offset()).fetch();
        Set<UUID> all = page.stream().flatMap(r -> Arrays.stream(r.get("ids", UUID[].class)))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<UUID, LeadView> leads = views.of(user.organizationId(),
                        rows.where(LEADS.ORGANIZATION_ID.eq(user.organizationId()).and(LEADS.ID.in(all))))
                .stream().collect(Collectors.toMap(LeadView::id, Function.identity()));
        List<DuplicateGroup> groups = page.stream().map(r -> {
            String key = r.get("value", String.class);
            List<LeadView> members = Arrays.stream(r.get("ids", UUID[].class)).map(leads::get)
                    .sorted((a, b) -> a.createdAt().compareTo(b.createdAt())).toList();
            return new DuplicateGroup(key.contains("@") ? "email" : "phone", key, members);
        }).toList();
        return paging.page(groups, total);
    }

    /**
     * The other live leads the caller may see that share one of this lead's phones (primary or secondary) or its
     * email, oldest first (at most 20); 404 when the caller may not see the lead.
     */
    @Transactional(readOnly = true)
    public List<LeadView> of(CurrentUser user, UUID leadId) {
        LeadsRecord lead = rows.where(LeadScope.visibleAndLive(user).and(LEADS.ID.eq(leadId))).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("Lead"));
        List<String> phones = java.util.stream.Stream.of(lead.getPhone(), lead.getSecondaryPhone())
                .filter(java.util.Objects::nonNull).toList();
        Condition shared = DSL.falseCondition();
        if (!phones.isEmpty()) {
            shared = shared.or(LEADS.PHONE.in(phones)).or(LEADS.SECONDARY_PHONE.in(phones));
        }
        if (lead.getEmail() != null) {
            shared = shared.or(LEADS.EMAIL.eq(lead.getEmail()));
        }
        List<LeadsRecord> others = rows.where(LeadScope.visibleAndLive(user).and(LEADS.ID.ne(leadId)).and(shared));
        return views.of(user.organizationId(), others).stream()
                .sorted(java.util.Comparator.comparing(LeadView::createdAt)).limit(20).toList();
    }

    /**
     * Folds the merged lead into the surviving one: fills the survivor's empty fields, unions its lists, adds
     * the call statistics, moves stages and assignment history, and deletes the merged lead.
     */
    @Transactional
    public LeadView merge(CurrentUser user, UUID survivorId, UUID mergedId) {
        if (survivorId.equals(mergedId)) {
            throw ApiException.invalid("merge_lead_id", "must be another lead");
        }
        UUID organizationId = user.organizationId();
        // lock both rows in id order, so two merges of the same pair cannot deadlock
        boolean survivorFirst = survivorId.compareTo(mergedId) < 0;
        LeadsRecord first = lock(user, survivorFirst ? survivorId : mergedId, survivorFirst ? "Lead" : "Merged lead");
        LeadsRecord second = lock(user, survivorFirst ? mergedId : survivorId, survivorFirst ? "Merged lead" : "Lead");
        LeadsRecord survivor = survivorFirst ? first : second;
        LeadsRecord merged = survivorFirst ? second : first;
        LeadView survivorBefore = views.of(organizationId, survivor);
        LeadView mergedBefore = views.of(organizationId, merged);

        fill(survivor, merged);
        OffsetDateTime now = stages.now();
        survivor.setUpdatedAt(now);
        db.update(LEADS).set(survivor)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(survivorId)).execute();
        stages.moveToLead(organizationId, mergedId, survivorId);
        db.update(LEAD_ASSIGNMENTS).set(LEAD_ASSIGNMENTS.LEAD_ID, survivorId)
                .where(LEAD_ASSIGNMENTS.ORGANIZATION_ID.eq(organizationId), LEAD_ASSIGNMENTS.LEAD_ID.eq(mergedId))
                .execute();
        db.update(LEADS).set(LEADS.DELETED_AT, now).set(LEADS.UPDATED_AT, now)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(mergedId)).execute();

        LeadView after = views.of(organizationId,
                rows.where(LEADS.ORGANIZATION_ID.eq(organizationId).and(LEADS.ID.eq(survivorId))).getFirst());
        audit.record("lead.merged", "lead", survivorId, survivorBefore, after);
        audit.record("lead.merged_into", "lead", mergedId, mergedBefore, Map.of("merged_into", survivorId));
        events.publishEvent(new LeadEvents.LeadsMerged(organizationId, survivorId, mergedId, user.userId()));
        return after;
    }

    private LeadsRecord lock(CurrentUser user, UUID id, String what) {
        try {
            return rows.lockVisible(user, id);
        } catch (ApiException e) {
            throw ApiException.notFound(what);
        }
    }

    /** Fields that identify the merged lead's origin elsewhere (unique per platform) stay with it. */
    private static final Set<Field<?>> NOT_COPIED = Set.of(LEADS.ORGANIZATION_ID, LEADS.ID, LEADS.STATUS_ID,
            LEADS.CREATED_BY, LEADS.CREATED_AT, LEADS.UPDATED_AT, LEADS.DELETED_AT, LEADS.SOURCE_LEAD_ID,
            LEADS.ASSIGNED_TO, LEADS.ASSIGNED_AT, LEADS.CONVERTED_AT, LEADS.CUSTOM_FIELDS, LEADS.TOTAL_CALLS, LEADS.TOTAL_ATTEMPTS,
            LEADS.LAST_CALL_AT, LEADS.LAST_CALL_DURATION, LEADS.LAST_CONTACT_DATE, LEADS.INTERESTED_COURSES,
            LEADS.PREFERRED_COUNTRIES, LEADS.PREFERRED_INSTITUTIONS, LEADS.TAGS);

    private void fill(LeadsRecord survivor, LeadsRecord merged) {
        for (Field<?> field : LeadRows.COLUMNS) {
            if (!NOT_COPIED.contains(field) && survivor.get(field) == null && merged.get(field) != null) {
                copy(survivor, merged, field);
            }
        }
        if (survivor.getSecondaryPhone() == null && merged.getPhone() != null
                && !merged.getPhone().equals(survivor.getPhone())) {
            survivor.setSecondaryPhone(merged.getPhone());
        }
        survivor.setInterestedCourses(union(survivor.getInterestedCourses(), merged.getInterestedCourses()));
        survivor.setPreferredCountries(union(survivor.getPreferredCountries(), merged.getPreferredCountries()));
        survivor.setPreferredInstitutions(union(survivor.getPreferredInstitutions(), merged.getPreferredInstitutions()));
        survivor.setTags(union(survivor.getTags(), merged.getTags()));
        Map<String, Object> custom = views.customFields(merged.getCustomFields());
        custom.putAll(views.customFields(survivor.getCustomFields()));
        survivor.setCustomFields(views.customFields(custom));
        survivor.setTotalCalls(survivor.getTotalCalls() + merged.getTotalCalls());
        survivor.setTotalAttempts(survivor.getTotalAttempts() + merged.getTotalAttempts());
        if (merged.getLastCallAt() != null
                && (survivor.getLastCallAt() == null || merged.getLastCallAt().isAfter(survivor.getLastCallAt()))) {
            survivor.setLastCallAt(merged.getLastCallAt());
            survivor.setLastCallDuration(merged.getLastCallDuration());
        }
        survivor.setLastContactDate(latest(survivor.getLastContactDate(), merged.getLastContactDate()));
    }

    private static <T> void copy(LeadsRecord to, LeadsRecord from, Field<T> field) {
        to.set(field, from.get(field));
    }

    private static String[] union(String[] first, String[] second) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(second)).distinct().toArray(String[]::new);
    }

    private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
