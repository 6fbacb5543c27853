package com.educonsult.crm.reports;

import com.educonsult.crm.reports.ReportDefinition.Aggregation;
import com.educonsult.crm.reports.ReportDefinition.Filter;
import com.educonsult.crm.reports.ReportDefinition.Sort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reports every organization has, by name: the consultancy's usual questions as report definitions. */
final class BuiltInTemplates {

    record BuiltIn(String id, String name, String description, ReportDefinition definition) {
    }

    static final Map<String, BuiltIn> ALL = new LinkedHashMap<>();

    static {
        add("lead_pipeline", "Lead pipeline", "Leads in each status",
                new ReportDefinition("leads", null, null, List.of("status"), null, null, null,
                        List.of(count()), List.of(new Sort("count", "desc")), null));
        add("source_performance", "Source performance", "Leads, conversions and conversion rate by source",
                new ReportDefinition("leads", null, null, List.of("source"), null, null, null,
                        List.of(count(), new Aggregation("sum", "converted"), new Aggregation("avg", "converted")),
                        List.of(new Sort("count", "desc")), null));
        add("counselor_activity", "Counselor activity", "Activities logged by each user, by type",
                new ReportDefinition("activities", null, null, List.of("user", "activity_type"), null, null, null,
                        List.of(count()), List.of(new Sort("user", "asc"), new Sort("count", "desc")), null));
        add("calls", "Calls", "Calls, connected calls and talk time by user",
                new ReportDefinition("calls", null, null, List.of("user"), null, null, null,
                        List.of(count(), new Aggregation("sum", "connected"), new Aggregation("sum", "duration_seconds"),
                                new Aggregation("avg", "duration_seconds")),
                        List.of(new Sort("count", "desc")), null));
        add("follow_ups", "Follow-ups", "Follow-ups due by assignee: open, overdue and done on time",
                new ReportDefinition("tasks", null, List.of(new Filter("kind", "eq", "follow_up", null)),
                        List.of("assignee"), null, null, null,
                        List.of(count(), new Aggregation("sum", "overdue"), new Aggregation("sum", "completed_on_time")),
                        List.of(new Sort("count", "desc")), null));
        add("sla", "SLA", "Stage changes by status with SLA breaches and average time in stage",
                new ReportDefinition("stages", null, null, List.of("status"), null, null, null,
                        List.of(count(), new Aggregation("sum", "sla_breached"),
                                new Aggregation("avg", "duration_seconds")),
                        List.of(new Sort("count", "desc")), null));
        add("conversions", "Conversions", "New leads and conversions by month of creation",
                new ReportDefinition("leads", null, null, null, "month", null, null,
                        List.of(count(), new Aggregation("sum", "converted")), null, null));
    }

    private BuiltInTemplates() {
    }

    private static Aggregation count() {
        return new Aggregation("count", null);
    }

    private static void add(String id, String name, String description, ReportDefinition definition) {
        ALL.put(id, new BuiltIn(id, name, description, definition));
    }
}
