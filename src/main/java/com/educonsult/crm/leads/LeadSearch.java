package com.educonsult.crm.leads;

import com.educonsult.crm.platform.db.Totals;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
public class LeadSearch {

    /** One page of leads; {@code nextCursor} continues the default order after the last item. */

    public record StatusCount(UUID id, String code, String name, String color, long count) {
    }

    /** Leads created from one source ("" when none was recorded). */
    public record SourceCount(String source, long count) {
    }

    /** Leads that arrived lately: since the start of today, since the start of the week, and by source. */
    public record Arrivals(long today, long thisWeek, List<SourceCount> bySource) {
    }

    public record TagCount(String tag, long count) {
    }

    /** A search or tag filter matching at most this many leads lists them by id; more, by walking an index. */
    static final int MATCHES_BY_ID = 1_000;
    private static final Field<Integer> PRIORITY_RANK = DSL.field(
            "case leads.priority when 'hot' then 0 when 'warm' then 1 else 2 end", SQLDataType.INTEGER);

    private final DSLContext db;
    private final LeadViews views;
    private final LeadStatuses statuses;
    private final UserDirectory users;
    private final LeadTallies tallies;

    LeadSearch(DSLContext db, LeadViews views, LeadStatuses statuses, UserDirectory users, LeadTallies tallies) {
        this.db = db;
        this.views = views;
        this.statuses = statuses;
        this.users = users;
        this.tallies = tallies;
    }

    @Transactional(readOnly = true)
    public CursorPage<LeadView> list(CurrentUser user, LeadFilter filter, Integer limit, Integer offset, String cursor) {
        PageRequest paging = PageRequest.of(limit, offset);
        Selection selection = select(user, filter);
        Condition condition = selection.condition();
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
        List<LeadsRecord> leads = db.select(LeadRows.COLUMNS).from(LEADS).where(condition)
                .orderBy(order(filter)).limit(paging.limit()).offset(paging.offset()).fetchInto(LEADS);
        Totals.Total total = total(user, selection);
        return new CursorPage<>(views.of(user.organizationId(), leads), total.count(), total.estimated(),
                paging.limit(), paging.offset(), nextCursor(filter, leads, paging.limit()));
    }

    /**
     * The leads of a list, as a condition on {@code leads}; {@code unfiltered} when it is the caller's whole scope of
     * live leads, {@code broad} when a search or tag filter matches too many leads to list them by id.
     */
    private record Selection(Condition condition, boolean unfiltered, boolean broad) {
    }

    /**
     * The whole scope is summed from the tallies; a selection as {@link Totals} counts it; a broad search is estimated
     * (it matched more than {@link #MATCHES_BY_ID} leads already).
     */
    private Totals.Total total(CurrentUser user, Selection selection) {
        if (selection.unfiltered()) {
            return new Totals.Total(tallies.live(user), false);
        }
        var rows = db.selectOne().from(LEADS).where(selection.condition());
        if (selection.broad()) {
            return new Totals.Total(Math.max(Totals.EXACT_UP_TO + 1, Math.round(db.explain(rows).rows())), true);
        }
        return Totals.of(db, rows);
    }

    /** A list's filter resolved against the organization (status codes, ids) and its order: SQL to run later. */
    record Query(UUID organizationId, Condition condition, List<SortField<?>> order) {
    }

    /** Checks the filter against the organization's data now, so that a bad filter fails before any streaming. */
    @Transactional(readOnly = true)
    Query query(CurrentUser user, LeadFilter filter) {
        return new Query(user.organizationId(), select(user, filter).condition(), order(filter));
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

    /** The leads of a list's filters within the caller's scope, as a condition on {@code leads} (audiences). */
    @Transactional(readOnly = true)
    Condition audience(CurrentUser user, LeadFilter filter) {
        return select(user, filter).condition();
    }

    /** How many leads the list shows for the filter: the same total as {@link #list}'s. */
    @Transactional(readOnly = true)
    Totals.Total total(CurrentUser user, LeadFilter filter) {
        return total(user, select(user, filter));
    }

    /** Live leads per status of the pipeline, within the caller's scope; inactive statuses only when in use. */
    @Transactional(readOnly = true)
    public List<StatusCount> counts(CurrentUser user) {
        Map<UUID, LeadTallies.StatusTally> counted = tallies.byStatus(user);
        List<StatusCount> counts = new ArrayList<>();
        for (LeadStatus status : statuses.list(user.organizationId())) {
            LeadTallies.StatusTally tally = counted.get(status.id());
            if (status.active() || tally != null) {
                counts.add(new StatusCount(status.id(), status.code(), status.name(), status.color(),
                        tally == null ? 0 : tally.leads()));
            }
        }
        return counts;
    }

    /**
     * The caller's live leads that arrived lately, in one pass over the live-leads creation index (which carries
     * source, branch and owner, so no lead row is read): how many since {@code today} and since {@code week}, and
     * where those since {@code month} came from, the largest sources first (at most {@code limit}, the rest summed
     * as "Other"). A recent window stays quick however many leads the organization holds.
     */
    @Transactional(readOnly = true)
    public Arrivals arrivals(CurrentUser user, OffsetDateTime today, OffsetDateTime week, OffsetDateTime month,
            int limit) {
        var source = DSL.coalesce(LEADS.SOURCE, DSL.inline(""));
        OffsetDateTime earliest = week.isBefore(month) ? week : month;
        var rows = db.select(source, DSL.count().filterWhere(LEADS.CREATED_AT.ge(month)),
                        DSL.count().filterWhere(LEADS.CREATED_AT.ge(today)),
                        DSL.count().filterWhere(LEADS.CREATED_AT.ge(week)))
                .from(LEADS)
                .where(LeadScope.visibleAndLive(user), LEADS.CREATED_AT.ge(earliest))
                .groupBy(source)
                .fetch();
        long sinceToday = rows.stream().mapToLong(r -> r.value3()).sum();
        long sinceWeek = rows.stream().mapToLong(r -> r.value4()).sum();
        List<SourceCount> counted = rows.stream().filter(r -> r.value2() > 0)
                .map(r -> new SourceCount(r.value1(), r.value2()))
                .sorted(java.util.Comparator.comparingLong(SourceCount::count).reversed()
                        .thenComparing(SourceCount::source))
                .toList();
        if (counted.size() > limit) {
            List<SourceCount> top = new ArrayList<>(counted.subList(0, limit - 1));
            top.add(new SourceCount("Other", counted.subList(limit - 1, counted.size()).stream()
                    .mapToLong(SourceCount::count).sum()));
            counted = top;
        }
        return new Arrivals(sinceToday, sinceWeek, counted);
    }

    /** The tags of the caller's live leads, most used first. */
    @Transactional(readOnly = true)
    public List<TagCount> tags(CurrentUser user) {
        return tallies.tags(user);
    }

    /** The caller's live leads with the number as primary or secondary phone, however the number is written. */
    @Transactional(readOnly = true)
    public List<LeadView> byPhone(CurrentUser user, String raw) {
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

    private Selection select(CurrentUser user, LeadFilter filter) {
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
        between(conditions, LEADS.CREATED_AT, filter.createdFrom(), filter.createdTo());
        between(conditions, LEADS.NEXT_FOLLOW_UP_DATE, filter.followUpFrom(), filter.followUpTo());
        if (filter.notContacted()) {
            conditions.add(LEADS.LAST_CONTACT_DATE.isNull());
        }
        if (!filter.ids().isEmpty()) {
            conditions.add(LEADS.ID.eq(DSL.any(filter.ids().toArray(UUID[]::new))));
        }
        boolean unfiltered = conditions.size() == 1 && !filter.includeDeleted();
        SearchTerms terms = SearchTerms.of(filter.search(), filter.tags());
        if (terms.isEmpty()) {
            return new Selection(DSL.and(conditions), unfiltered, false);
        }
        List<UUID> matches = matches(terms);
        if (matches.size() <= MATCHES_BY_ID) {
            conditions.add(LEADS.ID.eq(DSL.any(matches.toArray(UUID[]::new))));
            return new Selection(DSL.and(conditions), false, false);
        }
        conditions.add(terms.onLeads());
        return new Selection(DSL.and(conditions), false, true);
    }

    /**
     * Up to {@link #MATCHES_BY_ID} + 1 ids of the organization's leads matching the terms, from the search entries'
     * indexes (see V21 and decision record 0003: the same test on {@code leads} could not use an index under the
     * tenant policy).
     */
    private List<UUID> matches(SearchTerms terms) {
        return db.select(DSL.field("lead_search_matches(cast({0} as tsquery), {1}, {2}, {3}, {4})", UUID.class,
                        DSL.val(terms.words()), DSL.val(terms.namePattern()), DSL.val(terms.digitsPattern()),
                        DSL.val(terms.tags(), LEADS.TAGS.getDataType()), DSL.val(MATCHES_BY_ID + 1)))
                .fetch(0, UUID.class);
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
