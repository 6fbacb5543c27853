package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.platform.Text;
import com.educonsult.crm.platform.db.Totals;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.TimeCursor;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record7;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pipeline as a board: a column per active status with how many of the caller's live leads stand in it and
 * the latest of them to enter it, a page at a time. Counts come from the lead tallies (exact, whatever the number
 * of leads) unless a source is filtered, which the tallies do not keep: then each column is counted as
 * {@link Totals} counts a list. Cards are read one index range per column (V26), never by sorting a whole status.
 */
@Service
public class LeadBoard {

    /** At most this many cards of a column are read at once. */
    public static final int MAX_CARDS = 100;

    /**
     * What the board shows; null means any.
     *
     * @param assignedTo a user id, {@code me} or {@code unassigned}
     */
    public record Filter(UUID branchId, String assignedTo, String source) {

        public static Filter of(String branchId, String assignedTo, String source) {
            return new Filter(uuid("branch_id", Text.blankToNull(branchId)), Text.blankToNull(assignedTo),
                    Text.blankToNull(source));
        }
    }

    /**
     * A lead as its card shows it; {@code slaMissed} when it has stood in its status longer than the status's SLA
     * hours allow (as the status is set now).
     */
    public record Card(UUID id, String fullName, String phone, String priority, UUID assigneeId, String assigneeName,
            OffsetDateTime statusEnteredAt, boolean slaMissed) {
    }

    /**
     * One status of the pipeline with its leads: {@code count} of them in all ({@code countEstimated} when a source
     * filter made it an estimate), the first {@code cards}, the cursor of the next cards (null when none), and the
     * statuses its leads may move to by the pipeline's rules.
     */
    public record Column(LeadStatus status, long count, boolean countEstimated, List<Card> cards, String nextCursor,
            List<LeadStatus> next) {
    }

    private final DSLContext db;
    private final LeadStatuses statuses;
    private final LeadTallies tallies;
    private final UserDirectory users;
    private final Clock clock;

    LeadBoard(DSLContext db, LeadStatuses statuses, LeadTallies tallies, UserDirectory users, Clock clock) {
        this.db = db;
        this.statuses = statuses;
        this.tallies = tallies;
        this.users = users;
        this.clock = clock;
    }

    /** Every active status of the pipeline, in its order, with up to {@code perColumn} cards each. */
    @Transactional(readOnly = true)
    public List<Column> columns(CurrentUser user, Filter filter, int perColumn) {
        List<LeadStatus> pipeline = statuses.list(user.organizationId());
        StatusTransitions rules = new StatusTransitions(pipeline);
        Assignee assignee = assignee(user, filter);
        Map<UUID, LeadTallies.StatusTally> counted = filter.source() == null
                ? tallies.byStatus(user, filter.branchId(), assignee.id(), assignee.unassigned()) : Map.of();
        List<Column> columns = new ArrayList<>();
        for (LeadStatus status : pipeline) {
            if (!status.active()) {
                continue;
            }
            Page page = cards(user, status, filter, assignee, perColumn, null);
            Totals.Total total = filter.source() == null
                    ? new Totals.Total(counted.containsKey(status.id()) ? counted.get(status.id()).leads() : 0, false)
                    : Totals.of(db, db.selectOne().from(LEADS).where(condition(user, status.id(), filter, assignee)));
            columns.add(new Column(status, total.count(), total.estimated(), page.cards(), page.nextCursor(),
                    rules.nextFrom(status.id())));
        }
        return columns;
    }

    /** The next cards of one column, after the cursor a previous page gave; its count is not read again. */
    @Transactional(readOnly = true)
    public Column column(CurrentUser user, UUID statusId, Filter filter, int limit, String cursor) {
        List<LeadStatus> pipeline = statuses.list(user.organizationId());
        LeadStatus status = pipeline.stream().filter(s -> s.id().equals(statusId) && s.active()).findFirst()
                .orElseThrow(() -> ApiException.notFound("Status"));
        Page page = cards(user, status, filter, assignee(user, filter), limit, cursor);
        return new Column(status, -1, false, page.cards(), page.nextCursor(),
                new StatusTransitions(pipeline).nextFrom(statusId));
    }

    private record Page(List<Card> cards, String nextCursor) {
    }

    private record Assignee(UUID id, boolean unassigned) {
    }

    private Page cards(CurrentUser user, LeadStatus status, Filter filter, Assignee assignee, int limit,
            String cursor) {
        int size = Math.max(1, Math.min(limit, MAX_CARDS));
        Condition condition = condition(user, status.id(), filter, assignee);
        if (cursor != null) {
            TimeCursor after = TimeCursor.decode(cursor);
            condition = condition.and(DSL.row(LEADS.STATUS_ENTERED_AT, LEADS.ID).lt(after.time(), after.id()));
        }
        List<Record7<UUID, String, String, String, String, UUID, OffsetDateTime>> rows = db
                .select(LEADS.ID, LEADS.FIRST_NAME, LEADS.LAST_NAME, LEADS.PHONE, LEADS.PRIORITY, LEADS.ASSIGNED_TO,
                        LEADS.STATUS_ENTERED_AT)
                .from(LEADS).where(condition)
                .orderBy(LEADS.STATUS_ENTERED_AT.desc(), LEADS.ID.desc())
                .limit(size + 1)
                .fetch();
        boolean more = rows.size() > size;
        List<Record7<UUID, String, String, String, String, UUID, OffsetDateTime>> shown = more
                ? rows.subList(0, size) : rows;
        Set<UUID> assignees = shown.stream().map(Record7::value6).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<UUID, UserSummary> people = users.findAll(user.organizationId(), assignees);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Card> cards = shown.stream().map(r -> new Card(r.value1(),
                r.value3() == null ? r.value2() : r.value2() + " " + r.value3(), r.value4(), r.value5(), r.value6(),
                r.value6() == null || !people.containsKey(r.value6()) ? null : people.get(r.value6()).fullName(),
                r.value7(), status.slaHours() != null && r.value7() != null
                        && now.isAfter(r.value7().plusHours(status.slaHours())))).toList();
        String next = more ? new TimeCursor(shown.getLast().value7(), shown.getLast().value1()).encode() : null;
        return new Page(cards, next);
    }

    private static Condition condition(CurrentUser user, UUID statusId, Filter filter, Assignee assignee) {
        return DSL.and(LeadScope.visibleAndLive(user), LEADS.STATUS_ID.eq(statusId),
                filter.branchId() == null ? DSL.noCondition() : LEADS.BRANCH_ID.eq(filter.branchId()),
                assignee.unassigned() ? LEADS.ASSIGNED_TO.isNull()
                        : assignee.id() == null ? DSL.noCondition() : LEADS.ASSIGNED_TO.eq(assignee.id()),
                filter.source() == null ? DSL.noCondition() : LEADS.SOURCE.eq(filter.source()));
    }

    private static Assignee assignee(CurrentUser user, Filter filter) {
        if (filter.assignedTo() == null) {
            return new Assignee(null, false);
        }
        return switch (filter.assignedTo()) {
            case "me" -> new Assignee(user.userId(), false);
            case "unassigned" -> new Assignee(null, true);
            default -> new Assignee(uuid("assigned_to", filter.assignedTo()), false);
        };
    }

    private static UUID uuid(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, field.equals("assigned_to") ? "must be a user id, me or unassigned"
                    : "must be an id");
        }
    }
}
