package com.educonsult.crm.analytics;

import com.educonsult.crm.platform.security.CurrentUser;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The consultancy's overview within a caller's scope, for the API and the console: KPIs, lead volume, the funnel,
 * conversion by source, counselor performance with speed to lead, alerts and the caller's dashboard. Lead figures
 * follow the lead list's scope (the lead's branch and assignee now), work figures whoever did the work.
 */
public interface Overview {

    /** Narrowing filters; null means any. {@code userId}: the assignee for lead figures, who did it for work. */
    record Filter(UUID branchId, UUID userId, String source, String platform, UUID statusId) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    /**
     * Leads created in the range, enrolments (conversions on those days), how many of the new leads converted and
     * their rate in percent, live leads in open statuses now, and the previous period of the same length.
     */
    record Kpis(LocalDate dateFrom, LocalDate dateTo, String timeZone, long totalLeads, long enrollments,
            long convertedLeads, BigDecimal conversionRate, long activePipeline, long previousTotalLeads,
            long previousEnrollments, BigDecimal totalLeadsChange, BigDecimal enrollmentsChange) {
    }

    /** A bucket of the lead volume: its first day, the leads created in it and how many of them converted. */
    record VolumePoint(LocalDate date, long count, long converted) {
    }

    /**
     * A step of the funnel: the leads that reached it (at it or beyond now), those at it now, its share of the first
     * step in percent, and how many the step before it had more (the drop-off) with its rate in percent.
     */
    record FunnelStep(UUID statusId, String stage, String name, String color, long count, long current,
            BigDecimal percentage, long dropOff, BigDecimal dropOffRate) {
    }

    record Funnel(LocalDate dateFrom, LocalDate dateTo, long totalLeads, long won, long lost,
            List<FunnelStep> stages) {
    }

    record SourceConversion(String source, long totalLeads, long enrolled, BigDecimal conversionRate) {
    }

    /** Speed to lead of a group: seconds from creation to the first response (median, p90), responded and waiting. */
    record SpeedToLead(UUID id, String name, long leads, long responded, long waiting, Double medianSeconds,
            Double p90Seconds) {
    }

    /** A lead of the range still waiting for its first response. */
    record WaitingLead(UUID leadId, String name, OffsetDateTime createdAt, UUID ownerId, long waitingSeconds) {
    }

    record CounselorStats(UUID userId, String name, long leads, long conversions, BigDecimal conversionRate,
            long calls, long connectedCalls, BigDecimal connectedRate, long talkTimeSeconds, long followUpsDue,
            long followUpsOnTime, BigDecimal followUpsOnTimeRate, long responded, long waiting,
            Double medianFirstResponseSeconds, Double p90FirstResponseSeconds) {
    }

    record CounselorPerformance(LocalDate dateFrom, LocalDate dateTo, List<CounselorStats> counselors,
            SpeedToLead overall, List<SpeedToLead> speedByCounselor, List<SpeedToLead> speedByBranch,
            List<SpeedToLead> speedBySource, long waiting, List<WaitingLead> waitingLeads) {
    }

    /** An alert: type, severity (high / medium / low), what it is, where to look, and how many it concerns. */
    record Alert(String type, String severity, String title, String description, String link, long count,
            OffsetDateTime createdAt) {
    }

    record Count(String key, String label, String color, long count) {
    }

    record Performer(UUID userId, String name, long conversions, long leads) {
    }

    /** The caller's dashboard: as the data stood at {@code version}. */
    record Dashboard(String timeZone, LocalDate today, long totalLeads, long openLeads, long newToday,
            long newThisWeek, long followUpsDueToday, long followUpsOverdue, long followUpsDueSoon,
            long communicationsLastWeek, List<Count> communicationsByChannel, List<Count> leadsByStatus,
            List<Count> leadsBySource, int sourceDays, List<Performer> topPerformers, String version) {
    }

    Kpis kpis(CurrentUser user, AnalyticsRange range, Filter filter);

    List<VolumePoint> volume(CurrentUser user, AnalyticsRange range, String granularity, Filter filter);

    Funnel funnel(CurrentUser user, AnalyticsRange range, Filter filter);

    List<SourceConversion> conversionBySource(CurrentUser user, AnalyticsRange range, Filter filter);

    CounselorPerformance counselorPerformance(CurrentUser user, AnalyticsRange range, Filter filter);

    List<Alert> alerts(CurrentUser user, AnalyticsRange range, Filter filter);

    Dashboard dashboard(CurrentUser user);
}
