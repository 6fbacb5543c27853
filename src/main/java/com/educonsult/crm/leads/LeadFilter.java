package com.educonsult.crm.leads;

import com.educonsult.crm.platform.Text;

import com.educonsult.crm.platform.web.ApiException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The filters and order of a lead list, as the client wrote them (checked here, resolved against the
 * organization's data by {@link LeadSearch}). Lists are comma separated; dates are ISO dates or date-times.
 */
public record LeadFilter(List<String> statuses, List<String> sources, List<String> platforms, List<String> priorities,
        List<String> engagements, String assignedTo, String branchId, List<String> tags, OffsetDateTime createdFrom,
        OffsetDateTime createdTo, OffsetDateTime followUpFrom, OffsetDateTime followUpTo, boolean notContacted,
        String search, boolean includeDeleted, String sort, boolean ascending, List<UUID> ids) {

    /** At most this many ids in one {@code ids} filter: a page of ticked leads, not a way round paging. */
    static final int MAX_IDS = 500;

    /** Seed 04's engagement levels, kept on each lead by the engagement job (see the activities module). */
    static final List<String> ENGAGEMENTS = List.of("new", "active", "hot", "inactive");

    static final Set<String> SORTS = Set.of("created_at", "updated_at", "next_follow_up_date", "name", "priority");

    static LeadFilter of(String status, String source, String platform, String priority, String engagement,
            String assignedTo,
            String branchId, String tags, String createdFrom, String createdTo, String followUpFrom,
            String followUpTo, Boolean notContacted, String search, Boolean includeDeleted, String sort, String order,
            String ids) {
        String checkedSort = Text.blankToNull(sort) == null ? "created_at" : sort;
        order = Text.blankToNull(order);
        if (!SORTS.contains(checkedSort)) {
            throw ApiException.invalid("sort", "must be one of " + String.join(", ", SORTS));
        }
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw ApiException.invalid("order", "must be asc or desc");
        }
        if (search != null && search.length() > 200) {
            throw ApiException.invalid("search", "must be at most 200 characters");
        }
        List<String> engagements = list(engagement);
        if (!ENGAGEMENTS.containsAll(engagements)) {
            throw ApiException.invalid("engagement", "must be one or more of " + String.join(", ", ENGAGEMENTS));
        }
        return new LeadFilter(list(status), list(source), list(platform), list(priority), engagements,
                Text.blankToNull(assignedTo),
                Text.blankToNull(branchId), list(tags), time("created_from", createdFrom, false),
                time("created_to", createdTo, true), time("follow_up_from", followUpFrom, false),
                time("follow_up_to", followUpTo, true), Boolean.TRUE.equals(notContacted), Text.blankToNull(search),
                Boolean.TRUE.equals(includeDeleted), checkedSort,
                order == null ? checkedSort.equals("name") || checkedSort.equals("priority") : order.equals("asc"),
                ids(ids));
    }

    static LeadFilter none() {
        return of(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    LeadFilter withAssignedTo(String value) {
        return new LeadFilter(statuses, sources, platforms, priorities, engagements, value, branchId, tags,
                createdFrom, createdTo, followUpFrom, followUpTo, notContacted, search, includeDeleted, sort,
                ascending, ids);
    }

    boolean defaultOrder() {
        return sort.equals("created_at");
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static List<UUID> ids(String value) {
        List<String> given = list(value);
        if (given.size() > MAX_IDS) {
            throw ApiException.invalid("ids", "must name at most " + MAX_IDS + " leads");
        }
        try {
            return given.stream().map(UUID::fromString).toList();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("ids", "must be lead ids separated by commas");
        }
    }

    /** An ISO date-time, or a date meaning its start (from) or its end (to), in UTC. */
    private static OffsetDateTime time(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                OffsetDateTime start = date.atStartOfDay().atOffset(ZoneOffset.UTC);
                return endOfDay ? start.plusDays(1).minusNanos(1_000) : start;
            }
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO date (2025-01-31) or date-time (2025-01-31T10:00:00Z)");
        }
    }

}
