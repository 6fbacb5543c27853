package com.educonsult.crm.analytics.overview;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.leads.LeadStatuses;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the range and filters of an overview request: days of the organization's time zone (the last 30 by
 * default), and ids that must be the caller's organization's (another organization's id is a 404).
 */
@Component
class OverviewRequests {

    static final int DEFAULT_DAYS = 30;

    private final UserDirectory users;
    private final LeadStatuses statuses;
    private final Clock clock;

    OverviewRequests(UserDirectory users, LeadStatuses statuses, Clock clock) {
        this.users = users;
        this.statuses = statuses;
        this.clock = clock;
    }

    ZoneId zone(CurrentUser user) {
        return users.timeZone(user.organizationId());
    }

    AnalyticsRange range(CurrentUser user, String dateFrom, String dateTo) {
        return AnalyticsRange.of(dateFrom, dateTo, DEFAULT_DAYS, zone(user), clock);
    }

    @Transactional(readOnly = true)
    Overview.Filter filter(CurrentUser user, UUID branchId, UUID userId, String source, String platform,
            UUID statusId) {
        if (branchId != null && !users.branchExists(user.organizationId(), branchId)) {
            throw ApiException.notFound("Branch");
        }
        if (userId != null && users.find(user.organizationId(), userId).isEmpty()) {
            throw ApiException.notFound("User");
        }
        if (statusId != null && statuses.list(user.organizationId()).stream().noneMatch(s -> s.id().equals(statusId))) {
            throw ApiException.notFound("Status");
        }
        return new Overview.Filter(branchId, userId, blankAsNull(source), blankAsNull(platform), statusId);
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
