package com.educonsult.crm.analytics.stages;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.leads.LeadStatus;
import com.educonsult.crm.platform.security.CurrentUser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One analytics request: who asks, the days it covers, its filters (each checked to be the organization's) and the
 * organization's statuses in pipeline order.
 */
record AnalyticsQuery(CurrentUser user, AnalyticsRange range, Filters filters, List<LeadStatus> statuses,
        Instant now) {

    /** The filters a request may name; null means any. */
    record Filters(String platform, UUID branchId, UUID userId, UUID statusId) {

        static final Filters NONE = new Filters(null, null, null, null);
    }

    AnalyticsQuery withRange(AnalyticsRange other) {
        return new AnalyticsQuery(user, other, filters, statuses, now);
    }

    Map<UUID, LeadStatus> statusById() {
        return statuses.stream().collect(java.util.stream.Collectors.toMap(LeadStatus::id, s -> s));
    }

    String statusName(UUID id) {
        return statuses.stream().filter(s -> s.id().equals(id)).map(LeadStatus::name).findFirst().orElse(null);
    }

    boolean isWon(UUID statusId) {
        return statuses.stream().anyMatch(s -> s.id().equals(statusId) && s.isWon());
    }

    boolean isLost(UUID statusId) {
        return statuses.stream().anyMatch(s -> s.id().equals(statusId) && s.isLost());
    }

    boolean isDefault(UUID statusId) {
        return statuses.stream().anyMatch(s -> s.id().equals(statusId) && s.isDefault());
    }
}
