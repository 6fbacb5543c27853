package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;

import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import com.educonsult.crm.platform.web.CursorPage;
import com.educonsult.crm.platform.web.TimeCursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lead lists within the caller's scope, in SQL: filters, full text and fragment search, sorting, offset and
 * keyset paging, counts per status, tags and phone lookup.
 */
@Service
class LeadSearch {

    /** One page of leads; {@code nextCursor} continues the default order after the last item. */

    record StatusCount(UUID id, String code, String name, String color, long count) {
    }

    record TagCount(String tag, long count) {
    }

    /** The expressions of the trigram indexes of V6: written exactly so, PostgreSQL uses the indexes. */
    private static final String NAMES = "(coalesce(leads.first_name, '') || ' ' || coalesce(leads.last_name, '') || ' ' "
            + "|| coalesce(leads.student_name, '') || ' ' || coalesce(leads.parent_name, ''))";
    private static final String PHONES = "(coalesce(leads.phone, '') || ' ' || coalesce(leads.secondary_phone, ''))";
    private static final Field<Integer> PRIORITY_RANK = DSL.field(
            "case leads.priority when 'hot' then 0 when 'warm' then 1 else 2 end", SQLDataType.INTEGER);

    private final DSLContext db;
    private final LeadViews views;
    private final LeadStatuses statuses;
    private final UserDirectory users;

    LeadSearch(DSLContext db, LeadViews views, LeadStatuses statuses, UserDirectory users) {
        this.db = db;
        this.views = views;
        this.statuses = statuses;
        this.users = users;
    }

    @Transactional(readOnly = true)
    CursorPage<LeadView> list(CurrentUser user, LeadFilter filter, Integer limit, Integer offset, String cursor) {
        PageRequest paging = PageRequest.of(limit, offset);
        Condition condition = condition(user, filter);
        if (cursor != null) {
            if (!filter.defaultOrder()) {
                throw ApiException.invalid("cursor", "works with the default order (sort=created_at) only");
            }
            TimeCursor after = TimeCursor.decode(cursor);
            var key = DSL.row(LEADS.CREATED_AT, LEADS.ID);
            Condition keyset = filter.ascending() ? key.gt(after.time(), after.id())
                    : key.lt(after.time(), after.id());
            List<LeadsRecord> leads = db.select(LeadRows.COLUMNS).from(LEADS).where(condition.and(keyset))
                    .orderBy(order(filter)).limit(paging.limit()).fetchInto(LEADS);
            return new CursorPage<>(views.of(user.organizationId(), leads), null, paging.limit(), null,
                    nextCursor(filter, leads, paging.limit()));
        }
        long total = db.fetchCount(LEADS, condition);
        List<LeadsRecord> leads = db.select(LeadRows.COLUMNS).from(LEADS).where(condition)
                .orderBy(order(filter)).limit(paging.limit()).offset(paging.offset()).fetchInto(LEADS);
        return new CursorPage<>(views.of(user.organizationId(), leads), total, paging.limit(), paging.offset(),
                nextCursor(filter, leads, paging.limit()));
    }

    /** A list's filter resolved against the organization (status codes, ids) and its order: SQL to run later. */
    record Query(UUID organizationId, Condition condition, List<SortField<?>> order) {
    }

    /** Checks the filter against the organization's data now, so that a bad filter fails before any streaming. */
    @Transactional(readOnly = true)
    Query query(CurrentUser user, LeadFilter filter) {
        return new Query(user.organizationId(), condition(user, filter), order(filter));
    }

    /**
     * Every lead of the query, in its order, handed to the sink chunk by chunk: rows are read lazily through a
     * database cursor, so memory stays flat for any number of leads. Runs in the caller's transaction.
     */
    @Transactional(readOnly = true)
    long stream(Query query, int chunkSize, java.util.function.Consumer<List<LeadView>> sink) {
        long count = 0;
        try (org.jooq.Cursor<org.jooq.Record> cursor = db.select(LeadRows.COLUMNS).from(LEADS)
                .where(query.condition()).orderBy(query.order()).fetchSize(chunkSize).fetchLazy()) {
            while (cursor.hasNext()) {
                List<LeadsRecord> chunk = cursor.fetchNext(chunkSize).into(LEADS);
                sink.accept(views.of(query.organizationId(), chunk));
                count += chunk.size();
            }
        }
        return count;
    }

    /** Live leads per status of the pipeline, within the caller's scope; inactive statuses only when in use. */
    @Transactional(readOnly = true)
    List<StatusCount> counts(CurrentUser user) {
        Field<Integer> count = DSL.count(LEADS.ID);
        return db.select(LEAD_STATUSES.ID, LEAD_STATUSES.CODE, LEAD_STATUSES.NAME, LEAD_STATUSES.COLOR, count)
                .from(LEAD_STATUSES)
                .leftJoin(LEADS).on(LEADS.ORGANIZATION_ID.eq(LEAD_STATUSES.ORGANIZATION_ID),
                        LEADS.STATUS_ID.eq(LEAD_STATUSES.ID), LeadScope.visibleAndLive(user))
                .where(LEAD_STATUSES.ORGANIZATION_ID.eq(user.organizationId()))
                .groupBy(LEAD_STATUSES.ID, LEAD_STATUSES.CODE, LEAD_STATUSES.NAME, LEAD_STATUSES.COLOR,
                        LEAD_STATUSES.POSITION, LEAD_STATUSES.ACTIVE)
                .having(LEAD_STATUSES.ACTIVE.isTrue().or(count.gt(0)))
                .orderBy(LEAD_STATUSES.POSITION, LEAD_STATUSES.CODE)
                .fetch(r -> new StatusCount(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** The tags of the caller's live leads, most used first. */
    @Transactional(readOnly = true)
    List<TagCount> tags(CurrentUser user) {
        Field<String> tag = DSL.field("unnest(leads.tags)", String.class).as("tag");
        var tagged = DSL.select(tag).from(LEADS).where(LeadScope.visibleAndLive(user)).asTable("tagged");
        Field<String> name = tagged.field("tag", String.class);
        Field<Integer> count = DSL.count();
        return db.select(name, count).from(tagged).groupBy(name).orderBy(count.desc(), name)
                .fetch(r -> new TagCount(r.value1(), r.value2()));
    }

    /** The caller's live leads with the number as primary or secondary phone, however the number is written. */
    @Transactional(readOnly = true)
    List<LeadView> byPhone(CurrentUser user, String raw) {
        return byPhone(user, raw, false);
    }

    /** The same, with the caller's deleted leads too (live ones first) when {@code includeDeleted}. */
    @Transactional(readOnly = true)
    List<LeadView> byPhone(CurrentUser user, String raw, boolean includeDeleted) {
        String phone = PhoneNumbers.normalize(raw, users.phoneRegion(user.organizationId()))
                .orElseThrow(() -> ApiException.invalid("phone", "is not a valid phone number"));
        List<LeadsRecord> leads = db.select(LeadRows.COLUMNS).from(LEADS)
                .where(includeDeleted ? LeadScope.visibleTo(user) : LeadScope.visibleAndLive(user),
                        LEADS.PHONE.eq(phone).or(LEADS.SECONDARY_PHONE.eq(phone)))
                .orderBy(DSL.field(LEADS.DELETED_AT.isNotNull()).asc(), LEADS.CREATED_AT.desc(), LEADS.ID.desc())
                .limit(PageRequest.MAX_LIMIT).fetchInto(LEADS);
        return views.of(user.organizationId(), leads);
    }

    private Condition condition(CurrentUser user, LeadFilter filter) {
        if (filter.includeDeleted() && !user.isAdmin()) {
            throw ApiException.forbidden("Only admins may list deleted leads");
        }
        List<Condition> conditions = new ArrayList<>();
        conditions.add(filter.includeDeleted() ? LeadScope.visibleTo(user) : LeadScope.visibleAndLive(user));
        if (!filter.statuses().isEmpty()) {
            conditions.add(LEADS.STATUS_ID.in(statusIds(user.organizationId(), filter.statuses())));
        }
        if (!filter.sources().isEmpty()) {
            conditions.add(LEADS.SOURCE.in(filter.sources()));
        }
        if (!filter.platforms().isEmpty()) {
            conditions.add(LEADS.PLATFORM.in(filter.platforms()));
        }
        if (!filter.priorities().isEmpty()) {
            conditions.add(LEADS.PRIORITY.in(filter.priorities()));
        }
        if (!filter.engagements().isEmpty()) {
            conditions.add(LEADS.ENGAGEMENT.in(filter.engagements()));
        }
        if (filter.assignedTo() != null) {
            conditions.add(switch (filter.assignedTo()) {
                case "me" -> LEADS.ASSIGNED_TO.eq(user.userId());
                case "unassigned" -> LEADS.ASSIGNED_TO.isNull();
                default -> LEADS.ASSIGNED_TO.eq(uuid("assigned_to", filter.assignedTo()));
            });
        }
        if (filter.branchId() != null) {
            conditions.add(LEADS.BRANCH_ID.eq(uuid("branch_id", filter.branchId())));
        }
        if (!filter.tags().isEmpty()) {
            conditions.add(DSL.condition("{0} && {1}", LEADS.TAGS,
                    DSL.val(filter.tags().stream().map(String::toLowerCase).toArray(String[]::new), LEADS.TAGS)));
        }
        between(conditions, LEADS.CREATED_AT, filter.createdFrom(), filter.createdTo());
        between(conditions, LEADS.NEXT_FOLLOW_UP_DATE, filter.followUpFrom(), filter.followUpTo());
        if (filter.notContacted()) {
            conditions.add(LEADS.LAST_CONTACT_DATE.isNull());
        }
        if (filter.search() != null) {
            conditions.add(search(user.organizationId(), filter.search()));
        }
        return DSL.and(conditions);
    }

    /**
     * Full text with prefix matching over names, phones and email, or a fragment of a name (trigram index), or
     * digits of a phone: {@code 98765} finds {@code +919876543210}.
     */
    private Condition search(UUID organizationId, String term) {
        List<Condition> any = new ArrayList<>();
        String query = Arrays.stream(term.toLowerCase().split("\\s+"))
                .map(word -> word.replaceAll("[^\\p{L}\\p{N}@._+-]", "").replaceAll("^[+-]+", ""))
                .filter(word -> !word.isEmpty())
                .map(word -> "'" + word + "':*")
                .collect(Collectors.joining(" & "));
        if (!query.isEmpty()) {
            any.add(DSL.condition("leads.search @@ to_tsquery('simple', {0})", query));
        }
        String fragment = "%" + term.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        any.add(DSL.condition(NAMES + " ilike {0}", fragment));
        String digits = term.replaceAll("\\D", "").replaceFirst("^0+", "");
        if (digits.length() >= 3 && term.replaceAll("[\\d\\s()+.-]", "").isEmpty()) {
            any.add(DSL.condition(PHONES + " like {0}", "%" + digits + "%"));
            PhoneNumbers.normalize(term, users.phoneRegion(organizationId))
                    .ifPresent(phone -> any.add(LEADS.PHONE.eq(phone).or(LEADS.SECONDARY_PHONE.eq(phone))));
        }
        return DSL.or(any);
    }

    private List<UUID> statusIds(UUID organizationId, List<String> refs) {
        List<LeadStatus> pipeline = statuses.all(organizationId);
        List<UUID> ids = new ArrayList<>();
        for (String ref : refs) {
            LeadStatus status = pipeline.stream()
                    .filter(s -> s.code().equals(ref) || s.id().toString().equalsIgnoreCase(ref))
                    .findFirst()
                    .orElseThrow(() -> ApiException.invalid("status", "'" + ref + "' is not a status of the pipeline"));
            ids.add(status.id());
        }
        return ids;
    }

    private static void between(List<Condition> conditions, Field<OffsetDateTime> field, OffsetDateTime from,
            OffsetDateTime to) {
        if (from != null) {
            conditions.add(field.ge(from));
        }
        if (to != null) {
            conditions.add(field.le(to));
        }
    }

    private static List<SortField<?>> order(LeadFilter filter) {
        boolean asc = filter.ascending();
        List<SortField<?>> order = new ArrayList<>();
        switch (filter.sort()) {
            case "updated_at" -> order.add(asc ? LEADS.UPDATED_AT.asc() : LEADS.UPDATED_AT.desc());
            case "next_follow_up_date" -> order.add((asc ? LEADS.NEXT_FOLLOW_UP_DATE.asc()
                    : LEADS.NEXT_FOLLOW_UP_DATE.desc()).nullsLast());
            case "name" -> {
                order.add(asc ? DSL.lower(LEADS.FIRST_NAME).asc() : DSL.lower(LEADS.FIRST_NAME).desc());
                order.add((asc ? DSL.lower(LEADS.LAST_NAME).asc() : DSL.lower(LEADS.LAST_NAME).desc()).nullsFirst());
            }
            case "priority" -> order.add(asc ? PRIORITY_RANK.asc() : PRIORITY_RANK.desc());
            default -> {
            }
        }
        order.add(asc ? LEADS.CREATED_AT.asc() : LEADS.CREATED_AT.desc());
        order.add(asc ? LEADS.ID.asc() : LEADS.ID.desc());
        return order;
    }

    private static String nextCursor(LeadFilter filter, List<LeadsRecord> leads, int limit) {
        if (!filter.defaultOrder() || leads.size() < limit) {
            return null;
        }
        LeadsRecord last = leads.getLast();
        return new TimeCursor(last.getCreatedAt(), last.getId()).encode();
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, field.equals("assigned_to") ? "must be a user id, me or unassigned"
                    : "must be an id");
        }
    }

}
