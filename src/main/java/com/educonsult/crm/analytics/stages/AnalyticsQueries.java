package com.educonsult.crm.analytics.stages;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.RangeParams;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.leads.LeadStatus;
import com.educonsult.crm.leads.LeadStatuses;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads an analytics request's range and filters: bad dates are 400/422 naming the field, foreign ids 404. */
@Service
class AnalyticsQueries {

    /** The days a range covers when the request names neither end. */
    static final int DEFAULT_DAYS = 30;

    private final UserDirectory users;
    private final LeadStatuses statuses;
    private final Clock clock;

    AnalyticsQueries(UserDirectory users, LeadStatuses statuses, Clock clock) {
        this.users = users;
        this.statuses = statuses;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    AnalyticsQuery of(CurrentUser user, RangeParams days, String platform, UUID branchId, UUID userId, String status) {
        return of(user, days.dateFrom(), days.dateTo(), platform, branchId, userId, status);
    }

    @Transactional(readOnly = true)
    AnalyticsQuery of(CurrentUser user, String dateFrom, String dateTo, String platform, UUID branchId, UUID userId,
            String status) {
        ZoneId zone = users.timeZone(user.organizationId());
        return build(user, AnalyticsRange.of(dateFrom, dateTo, DEFAULT_DAYS, zone, clock), platform, branchId, userId,
                status);
    }

    /** A request with a named range ({@code 7d}, {@code 30d}, {@code 90d}) or {@code custom} dates. */
    @Transactional(readOnly = true)
    AnalyticsQuery ofNamedRange(CurrentUser user, String range, RangeParams dates, String platform, UUID branchId,
            UUID userId) {
        ZoneId zone = users.timeZone(user.organizationId());
        AnalyticsRange days = switch (range == null ? "custom" : range) {
            case "7d" -> AnalyticsRange.lastDays(7, zone, clock);
            case "30d" -> AnalyticsRange.lastDays(30, zone, clock);
            case "90d" -> AnalyticsRange.lastDays(90, zone, clock);
            case "custom" -> AnalyticsRange.of(dates.dateFrom(), dates.dateTo(), DEFAULT_DAYS, zone, clock);
            default -> throw ApiException.invalid("range", "must be one of 7d, 30d, 90d, custom");
        };
        return build(user, days, platform, branchId, userId, null);
    }

    private AnalyticsQuery build(CurrentUser user, AnalyticsRange range, String platform, UUID branchId,
            UUID userId, String status) {
        UUID org = user.organizationId();
        if (branchId != null && !users.branchExists(org, branchId)) {
            throw ApiException.notFound("Branch");
        }
        if (userId != null && users.find(org, userId).isEmpty()) {
            throw ApiException.notFound("User");
        }
        List<LeadStatus> pipeline = statuses.list(org).stream()
                .sorted(Comparator.comparingInt(LeadStatus::position).thenComparing(LeadStatus::name)).toList();
        UUID statusId = status == null || status.isBlank() ? null : statusOf(pipeline, status.trim());
        String platformCode = platform == null || platform.isBlank() ? null : platform.trim().toLowerCase(Locale.ROOT);
        return new AnalyticsQuery(user, range, new AnalyticsQuery.Filters(platformCode, branchId, userId, statusId),
                pipeline, clock.instant());
    }

    /** A status named by id or by code. */
    private static UUID statusOf(List<LeadStatus> pipeline, String status) {
        return pipeline.stream()
                .filter(s -> s.code().equals(status) || s.id().toString().equalsIgnoreCase(status))
                .map(LeadStatus::id).findFirst()
                .orElseThrow(() -> ApiException.notFound("Status"));
    }
}
