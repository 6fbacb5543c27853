package com.educonsult.crm.analytics;

import com.educonsult.crm.platform.security.CurrentUser;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stage figures for the console within a caller's scope: the SLA (breaches standing now, compliance over the days of
 * a range) and the stage transition matrix. The same figures as {@code /api/v1/stages/*}.
 */
public interface StageInsights {

    /** A lead standing in a status past its SLA now. */
    record Breach(UUID leadId, String leadName, String status, OffsetDateTime slaDueAt, double overdueHours,
            String assigneeName) {
    }

    /** The stays with an SLA that ended on a day: within it, past it, and the rate in percent. */
    record Day(LocalDate day, long withinSla, long exceededSla, double complianceRate) {
    }

    /** A status's compliance over the range. */
    record StatusRate(String status, Integer slaHours, long withinSla, long exceededSla, double complianceRate,
            double avgExceededHours) {
    }

    record Sla(LocalDate dateFrom, LocalDate dateTo, String timeZone, long breachedNow, List<Breach> breaches,
            long withinSla, long exceededSla, double complianceRate, double avgExceededHours,
            List<StatusRate> byStatus, List<Day> days) {
    }

    record Status(UUID id, String name, String color) {
    }

    /**
     * Moves between statuses in a range: {@code counts.get(from).get(to)}; {@code firstEntries}: leads whose first
     * status it was.
     */
    record Matrix(LocalDate dateFrom, LocalDate dateTo, List<Status> statuses, Map<UUID, Map<UUID, Long>> counts,
            Map<UUID, Long> firstEntries, long total, long maxCount) {
    }

    /** A bad date is an {@link com.educonsult.crm.platform.web.ApiException} naming the field. */
    Sla sla(CurrentUser user, String dateFrom, String dateTo, int breachLimit);

    Matrix transitions(CurrentUser user, String dateFrom, String dateTo);
}
