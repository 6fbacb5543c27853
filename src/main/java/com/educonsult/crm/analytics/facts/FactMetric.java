package com.educonsult.crm.analytics.facts;

/**
 * The metrics of {@code analytics_facts} (migration V41) and what their columns hold. Every fact has a day (of the
 * organization's time zone), a count {@code n}, a summed quantity {@code total} and a count {@code met}.
 */
public enum FactMetric {
    /** A live lead, on the day it was created. kind: priority; met: converted. Lead's branch/owner now. */
    LEAD_CREATED("lead_created", true),
    /** A live converted lead, on the day it converted. total: seconds from creation to conversion. */
    LEAD_CONVERTED("lead_converted", true),
    /** A lead entering a status (status_id) from another (from_status_id, null for the first), by user_id. */
    STAGE_ENTERED("stage_entered", false),
    /** A lead leaving a status, on the day it left. kind: met / breached / no_sla; total: seconds spent; met: in SLA. */
    STAGE_EXITED("stage_exited", false),
    /** A call by user_id. kind: call type; detail: lead / unknown; total: talk seconds; met: connected. */
    CALL("call", false),
    /** An activity by user_id. kind: activity type; detail: direction; total: seconds; met: completed. */
    ACTIVITY("activity", false),
    /** A task due on the day for its assignee (user_id). kind: task kind; detail: status; met: done by its due time. */
    TASK_DUE("task_due", false),
    /** A task completed on the day by user_id. kind: task kind; met: done by its due time (or had none). */
    TASK_COMPLETED("task_completed", false),
    /** A communication by user_id. kind: channel; source: direction; detail: status; met: delivered or read. */
    MESSAGE("message", false),
    /** A live lead with an assignment, on its creation day. total: seconds from creation to the assignment. */
    LEAD_ASSIGNED("lead_assigned", true),
    /** An activity by user_id (V43). kind: activity type; source: priority; detail: status. */
    ACTIVITY_STATE("activity_state", false),
    /** A stage left, by who moved the lead into it (V43). kind: up_to_24h / 24h_to_48h / over_48h; total: seconds
     *  past its SLA. */
    STAGE_DURATION("stage_duration", false);

    private final String code;
    private final boolean aboutLeads;

    FactMetric(String code, boolean aboutLeads) {
        this.code = code;
        this.aboutLeads = aboutLeads;
    }

    public String code() {
        return code;
    }

    /** Lead figures follow the lead list's scope; the others the work scope. */
    public boolean aboutLeads() {
        return aboutLeads;
    }
}
