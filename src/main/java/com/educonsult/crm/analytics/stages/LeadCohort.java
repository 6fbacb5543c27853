package com.educonsult.crm.analytics.stages;

import java.util.UUID;

/**
 * The leads created in a range, counted by the status they stand in now: new (the default status), contacted
 * (moved on, still open), won, lost, and how many have an assignee.
 */
final class LeadCohort {

    long total;
    long fresh;
    long contacted;
    long won;
    long lost;
    long assigned;
    long converted;
    long conversionSeconds;
    long assignments;
    long assignmentSeconds;

    void add(AnalyticsQuery query, UUID statusId, boolean hasAssignee, long leads) {
        total += leads;
        if (query.isWon(statusId)) {
            won += leads;
        } else if (query.isLost(statusId)) {
            lost += leads;
        } else if (query.isDefault(statusId)) {
            fresh += leads;
        } else {
            contacted += leads;
        }
        if (hasAssignee) {
            assigned += leads;
        }
    }

    void addConversions(long leads, long seconds) {
        converted += leads;
        conversionSeconds += seconds;
    }

    void addAssignments(long leads, long seconds) {
        assignments += leads;
        assignmentSeconds += seconds;
    }

    double conversionRate() {
        return Figures.percent(won, total);
    }

    double avgCycleTimeDays() {
        return Figures.days(conversionSeconds, converted);
    }

    double avgAssignmentTimeHours() {
        return Figures.hours(assignmentSeconds, assignments);
    }
}
