package com.educonsult.crm.reports;

import static com.educonsult.crm.jooq.Tables.ACTIVITIES;
import static com.educonsult.crm.jooq.Tables.CALL_LOGS;
import static com.educonsult.crm.jooq.Tables.COMMUNICATIONS;
import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STAGES;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;
import static com.educonsult.crm.jooq.Tables.TASKS;
import static com.educonsult.crm.jooq.Tables.USERS;

import com.educonsult.crm.identity.WorkScope;
import com.educonsult.crm.jooq.tables.Activities;
import com.educonsult.crm.jooq.tables.CallLogs;
import com.educonsult.crm.jooq.tables.Communications;
import com.educonsult.crm.jooq.tables.LeadStages;
import com.educonsult.crm.jooq.tables.LeadStatuses;
import com.educonsult.crm.jooq.tables.Leads;
import com.educonsult.crm.jooq.tables.Tasks;
import com.educonsult.crm.jooq.tables.Users;
import com.educonsult.crm.leads.LeadVisibility;
import com.educonsult.crm.platform.security.CurrentUser;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * The whitelist of the report builder: for each entity its tables, its time (for date ranges and buckets, always a
 * column with an {@code (organization_id, time)} index), its columns and whose rows the caller may see.
 */
@Component
class ReportEntities {

    enum ColumnType { TEXT, NUMBER, TIME, DATE, UUID, BOOLEAN }

    record Column(String name, String label, ColumnType type, Field<?> field) {
    }

    record Entity(String name, String label, String permission, Table<?> from, Field<OffsetDateTime> time,
            Map<String, Column> columns, List<String> defaultColumns, Function<CurrentUser, Condition> scope) {

        Column column(String columnName) {
            return columns.get(columnName);
        }
    }

    private final Map<String, Entity> entities = new LinkedHashMap<>();

    ReportEntities(WorkScope work) {
        add(leads());
        add(calls(work));
        add(activities(work));
        add(tasks(work));
        add(stages(work));
        add(communications(work));
    }

    Entity find(String name) {
        return name == null ? null : entities.get(name);
    }

    List<Entity> all() {
        return List.copyOf(entities.values());
    }

    private void add(Entity entity) {
        entities.put(entity.name(), entity);
    }

    private static Entity leads() {
        Leads l = LEADS.as("l");
        LeadStatuses s = LEAD_STATUSES.as("s");
        Users u = USERS.as("u");
        Table<?> from = l.join(s).on(s.ORGANIZATION_ID.eq(l.ORGANIZATION_ID), s.ID.eq(l.STATUS_ID))
                .leftJoin(u).on(u.ORGANIZATION_ID.eq(l.ORGANIZATION_ID), u.ID.eq(l.ASSIGNED_TO));
        Columns c = new Columns()
                .uuid("id", "Lead id", l.ID)
                .text("name", "Name", DSL.concat(l.FIRST_NAME,
                        DSL.when(l.LAST_NAME.isNotNull(), DSL.concat(DSL.inline(" "), l.LAST_NAME))
                                .otherwise(DSL.inline(""))))
                .text("first_name", "First name", l.FIRST_NAME)
                .text("last_name", "Last name", l.LAST_NAME)
                .text("email", "Email", l.EMAIL)
                .text("phone", "Phone", l.PHONE)
                .text("status", "Status", s.NAME)
                .text("status_code", "Status code", s.CODE)
                .text("source", "Source", l.SOURCE)
                .text("platform", "Platform", l.PLATFORM)
                .text("priority", "Priority", l.PRIORITY)
                .text("engagement", "Engagement", l.ENGAGEMENT)
                .text("city", "City", l.CITY)
                .text("country", "Country", l.COUNTRY)
                .text("utm_campaign", "UTM campaign", l.UTM_CAMPAIGN)
                .uuid("assigned_to", "Assignee id", l.ASSIGNED_TO)
                .text("assignee", "Assignee", userName(u))
                .uuid("branch_id", "Branch id", l.BRANCH_ID)
                .number("total_calls", "Calls", l.TOTAL_CALLS)
                .number("budget_max", "Budget (max)", l.BUDGET_MAX)
                .flag("converted", "Converted (1 or 0)", l.CONVERTED_AT.isNotNull())
                .time("created_at", "Created", l.CREATED_AT)
                .time("converted_at", "Converted at", l.CONVERTED_AT)
                .time("last_contact_date", "Last contact", l.LAST_CONTACT_DATE)
                .time("next_follow_up_date", "Next follow-up", l.NEXT_FOLLOW_UP_DATE);
        return new Entity("leads", "Leads", "leads:read", from, l.CREATED_AT, c.map,
                List.of("name", "phone", "email", "status", "source", "assignee", "created_at"),
                user -> LeadVisibility.of(user, l.ORGANIZATION_ID, l.BRANCH_ID, l.ASSIGNED_TO)
                        .and(l.DELETED_AT.isNull()));
    }

    private static Entity calls(WorkScope work) {
        CallLogs c = CALL_LOGS.as("c");
        return new Work("calls", "Calls", "calls:read", c, c.ORGANIZATION_ID, c.USER_ID, c.CALLED_AT)
                .columns(u -> new Columns()
                        .uuid("id", "Call id", c.ID)
                        .uuid("user_id", "User id", c.USER_ID)
                        .text("user", "User", userName(u))
                        .uuid("lead_id", "Lead id", c.LEAD_ID)
                        .text("phone_number", "Phone", c.PHONE_E164)
                        .text("call_type", "Type", c.CALL_TYPE)
                        .number("duration_seconds", "Duration (s)", c.DURATION_SECONDS)
                        .flag("connected", "Connected (1 or 0)", c.DURATION_SECONDS.gt(0))
                        .time("called_at", "Called at", c.CALLED_AT))
                .entity(work, "called_at", "user", "phone_number", "call_type", "duration_seconds");
    }

    private static Entity activities(WorkScope work) {
        Activities a = ACTIVITIES.as("a");
        return new Work("activities", "Activities", "leads:read", a, a.ORGANIZATION_ID, a.USER_ID, a.OCCURRED_AT)
                .columns(u -> new Columns()
                        .uuid("id", "Activity id", a.ID)
                        .uuid("lead_id", "Lead id", a.LEAD_ID)
                        .uuid("user_id", "User id", a.USER_ID)
                        .text("user", "User", userName(u))
                        .text("activity_type", "Type", a.ACTIVITY_TYPE)
                        .text("direction", "Direction", a.DIRECTION)
                        .text("outcome", "Outcome", a.OUTCOME)
                        .text("status", "Status", a.STATUS)
                        .text("priority", "Priority", a.PRIORITY)
                        .number("duration_seconds", "Duration (s)", a.DURATION_SECONDS)
                        .time("occurred_at", "Occurred at", a.OCCURRED_AT))
                .entity(work, "occurred_at", "user", "activity_type", "outcome", "lead_id");
    }

    private static Entity tasks(WorkScope work) {
        Tasks t = TASKS.as("t");
        return new Work("tasks", "Tasks and follow-ups", "leads:read", t, t.ORGANIZATION_ID, t.ASSIGNEE_ID, t.DUE_AT)
                .columns(u -> new Columns()
                        .uuid("id", "Task id", t.ID)
                        .uuid("lead_id", "Lead id", t.LEAD_ID)
                        .text("title", "Title", t.TITLE)
                        .text("kind", "Kind", t.KIND)
                        .text("status", "Status", t.STATUS)
                        .text("priority", "Priority", t.PRIORITY)
                        .uuid("assignee_id", "Assignee id", t.ASSIGNEE_ID)
                        .text("assignee", "Assignee", userName(u))
                        .flag("overdue", "Overdue (1 or 0)",
                                t.STATUS.eq("open").and(t.DUE_AT.lt(DSL.currentOffsetDateTime())))
                        .flag("completed_on_time", "Done on time (1 or 0)",
                                t.STATUS.eq("completed").and(t.DUE_AT.isNull().or(t.COMPLETED_AT.le(t.DUE_AT))))
                        .time("due_at", "Due", t.DUE_AT)
                        .time("completed_at", "Completed", t.COMPLETED_AT)
                        .time("created_at", "Created", t.CREATED_AT))
                .entity(work, "due_at", "title", "kind", "status", "assignee");
    }

    private static Entity stages(WorkScope work) {
        LeadStages st = LEAD_STAGES.as("st");
        LeadStatuses s = LEAD_STATUSES.as("s");
        Table<?> withStatus = st.join(s).on(s.ORGANIZATION_ID.eq(st.ORGANIZATION_ID), s.ID.eq(st.STATUS_ID));
        return new Work("stages", "Stage changes", "leads:read", withStatus, st.ORGANIZATION_ID, st.CHANGED_BY,
                st.ENTERED_AT)
                .columns(u -> new Columns()
                        .uuid("id", "Stage id", st.ID)
                        .uuid("lead_id", "Lead id", st.LEAD_ID)
                        .text("status", "Status", s.NAME)
                        .text("status_code", "Status code", s.CODE)
                        .uuid("changed_by", "Changed by id", st.CHANGED_BY)
                        .text("changed_by_name", "Changed by", userName(u))
                        .number("duration_seconds", "Time in stage (s)", st.DURATION_SECONDS)
                        .flag("sla_breached", "SLA breached (1 or 0)",
                                st.SLA_DUE_AT.lt(DSL.coalesce(st.EXITED_AT, DSL.currentOffsetDateTime())))
                        .time("entered_at", "Entered", st.ENTERED_AT)
                        .time("exited_at", "Exited", st.EXITED_AT)
                        .time("sla_due_at", "SLA due", st.SLA_DUE_AT))
                .entity(work, "entered_at", "lead_id", "status", "changed_by_name", "duration_seconds");
    }

    private static Entity communications(WorkScope work) {
        Communications m = COMMUNICATIONS.as("m");
        return new Work("communications", "Communications", "leads:read", m, m.ORGANIZATION_ID, m.USER_ID,
                m.CREATED_AT)
                .columns(u -> new Columns()
                        .uuid("id", "Message id", m.ID)
                        .uuid("lead_id", "Lead id", m.LEAD_ID)
                        .uuid("user_id", "User id", m.USER_ID)
                        .text("user", "User", userName(u))
                        .text("channel", "Channel", m.TYPE)
                        .text("direction", "Direction", m.DIRECTION)
                        .text("status", "Status", m.STATUS)
                        .text("subject", "Subject", m.SUBJECT)
                        .text("to_address", "To", m.TO_ADDRESS)
                        .time("created_at", "Created", m.CREATED_AT)
                        .time("sent_at", "Sent", m.SENT_AT)
                        .time("delivered_at", "Delivered", m.DELIVERED_AT)
                        .time("read_at", "Read", m.READ_AT))
                .entity(work, "created_at", "user", "channel", "direction", "status", "subject");
    }

    private static Field<String> userName(Users u) {
        return DSL.nullif(DSL.trim(DSL.concat(DSL.coalesce(u.FIRST_NAME, DSL.inline("")), DSL.inline(" "),
                DSL.coalesce(u.LAST_NAME, DSL.inline("")))), DSL.inline(""));
    }

    /**
     * An entity of work someone did (a call, an activity, a task, a stage change, a message): its table joined to
     * the user who did it, whose name its columns may show, and seen by whose work the caller may see.
     */
    private record Work(String name, String label, String permission, Table<?> table, Field<UUID> organizationId,
            Field<UUID> doneBy, Field<OffsetDateTime> time, Users doer, Columns columnsOf) {

        Work(String name, String label, String permission, Table<?> table, Field<UUID> organizationId,
                Field<UUID> doneBy, Field<OffsetDateTime> time) {
            this(name, label, permission, table, organizationId, doneBy, time, USERS.as("u"), null);
        }

        Work columns(Function<Users, Columns> columns) {
            return new Work(name, label, permission, table, organizationId, doneBy, time, doer, columns.apply(doer));
        }

        Entity entity(WorkScope work, String... defaultColumns) {
            Table<?> from = table.leftJoin(doer).on(doer.ORGANIZATION_ID.eq(organizationId), doer.ID.eq(doneBy));
            return new Entity(name, label, permission, from, time, columnsOf.map, List.of(defaultColumns),
                    user -> work.doneBy(user, organizationId, doneBy));
        }
    }

    /** An entity's columns in the order the builder offers them. */
    private static final class Columns {
        private final Map<String, Column> map = new LinkedHashMap<>();

        private Columns add(String name, String label, ColumnType type, Field<?> field) {
            map.put(name, new Column(name, label, type, field));
            return this;
        }

        Columns text(String name, String label, Field<String> field) {
            return add(name, label, ColumnType.TEXT, field);
        }

        Columns number(String name, String label, Field<? extends Number> field) {
            return add(name, label, ColumnType.NUMBER, field);
        }

        Columns time(String name, String label, Field<OffsetDateTime> field) {
            return add(name, label, ColumnType.TIME, field);
        }

        Columns uuid(String name, String label, Field<UUID> field) {
            return add(name, label, ColumnType.UUID, field);
        }

        /** 1 where the condition holds, else 0: a number to sum or average (a rate). */
        Columns flag(String name, String label, Condition condition) {
            return add(name, label, ColumnType.NUMBER, DSL.when(condition, DSL.inline(1)).otherwise(DSL.inline(0)));
        }
    }

    static Field<UUID> uuid(Field<?> field) {
        return field.cast(SQLDataType.UUID);
    }
}
