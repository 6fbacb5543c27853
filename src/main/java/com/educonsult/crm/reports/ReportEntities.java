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
                .add("id", "Lead id", ColumnType.UUID, l.ID)
                .add("name", "Name", ColumnType.TEXT, DSL.concat(l.FIRST_NAME,
                        DSL.when(l.LAST_NAME.isNotNull(), DSL.concat(DSL.inline(" "), l.LAST_NAME))
                                .otherwise(DSL.inline(""))))
                .add("first_name", "First name", ColumnType.TEXT, l.FIRST_NAME)
                .add("last_name", "Last name", ColumnType.TEXT, l.LAST_NAME)
                .add("email", "Email", ColumnType.TEXT, l.EMAIL)
                .add("phone", "Phone", ColumnType.TEXT, l.PHONE)
                .add("status", "Status", ColumnType.TEXT, s.NAME)
                .add("status_code", "Status code", ColumnType.TEXT, s.CODE)
                .add("source", "Source", ColumnType.TEXT, l.SOURCE)
                .add("platform", "Platform", ColumnType.TEXT, l.PLATFORM)
                .add("priority", "Priority", ColumnType.TEXT, l.PRIORITY)
                .add("engagement", "Engagement", ColumnType.TEXT, l.ENGAGEMENT)
                .add("city", "City", ColumnType.TEXT, l.CITY)
                .add("country", "Country", ColumnType.TEXT, l.COUNTRY)
                .add("utm_campaign", "UTM campaign", ColumnType.TEXT, l.UTM_CAMPAIGN)
                .add("assigned_to", "Assignee id", ColumnType.UUID, l.ASSIGNED_TO)
                .add("assignee", "Assignee", ColumnType.TEXT, userName(u))
                .add("branch_id", "Branch id", ColumnType.UUID, l.BRANCH_ID)
                .add("total_calls", "Calls", ColumnType.NUMBER, l.TOTAL_CALLS)
                .add("budget_max", "Budget (max)", ColumnType.NUMBER, l.BUDGET_MAX)
                .add("converted", "Converted (1 or 0)", ColumnType.NUMBER,
                        DSL.when(l.CONVERTED_AT.isNotNull(), DSL.inline(1)).otherwise(DSL.inline(0)))
                .add("created_at", "Created", ColumnType.TIME, l.CREATED_AT)
                .add("converted_at", "Converted at", ColumnType.TIME, l.CONVERTED_AT)
                .add("last_contact_date", "Last contact", ColumnType.TIME, l.LAST_CONTACT_DATE)
                .add("next_follow_up_date", "Next follow-up", ColumnType.TIME, l.NEXT_FOLLOW_UP_DATE);
        return new Entity("leads", "Leads", "leads:read", from, l.CREATED_AT, c.map,
                List.of("name", "phone", "email", "status", "source", "assignee", "created_at"),
                user -> LeadVisibility.of(user, l.ORGANIZATION_ID, l.BRANCH_ID, l.ASSIGNED_TO)
                        .and(l.DELETED_AT.isNull()));
    }

    private static Entity calls(WorkScope work) {
        CallLogs c = CALL_LOGS.as("c");
        Users u = USERS.as("u");
        Table<?> from = c.join(u).on(u.ORGANIZATION_ID.eq(c.ORGANIZATION_ID), u.ID.eq(c.USER_ID));
        Columns columns = new Columns()
                .add("id", "Call id", ColumnType.UUID, c.ID)
                .add("user_id", "User id", ColumnType.UUID, c.USER_ID)
                .add("user", "User", ColumnType.TEXT, userName(u))
                .add("lead_id", "Lead id", ColumnType.UUID, c.LEAD_ID)
                .add("phone_number", "Phone", ColumnType.TEXT, c.PHONE_E164)
                .add("call_type", "Type", ColumnType.TEXT, c.CALL_TYPE)
                .add("duration_seconds", "Duration (s)", ColumnType.NUMBER, c.DURATION_SECONDS)
                .add("connected", "Connected (1 or 0)", ColumnType.NUMBER,
                        DSL.when(c.DURATION_SECONDS.gt(0), DSL.inline(1)).otherwise(DSL.inline(0)))
                .add("called_at", "Called at", ColumnType.TIME, c.CALLED_AT);
        return new Entity("calls", "Calls", "calls:read", from, c.CALLED_AT, columns.map,
                List.of("called_at", "user", "phone_number", "call_type", "duration_seconds"),
                user -> work.doneBy(user, c.ORGANIZATION_ID, c.USER_ID));
    }

    private static Entity activities(WorkScope work) {
        Activities a = ACTIVITIES.as("a");
        Users u = USERS.as("u");
        Table<?> from = a.leftJoin(u).on(u.ORGANIZATION_ID.eq(a.ORGANIZATION_ID), u.ID.eq(a.USER_ID));
        Columns columns = new Columns()
                .add("id", "Activity id", ColumnType.UUID, a.ID)
                .add("lead_id", "Lead id", ColumnType.UUID, a.LEAD_ID)
                .add("user_id", "User id", ColumnType.UUID, a.USER_ID)
                .add("user", "User", ColumnType.TEXT, userName(u))
                .add("activity_type", "Type", ColumnType.TEXT, a.ACTIVITY_TYPE)
                .add("direction", "Direction", ColumnType.TEXT, a.DIRECTION)
                .add("outcome", "Outcome", ColumnType.TEXT, a.OUTCOME)
                .add("status", "Status", ColumnType.TEXT, a.STATUS)
                .add("priority", "Priority", ColumnType.TEXT, a.PRIORITY)
                .add("duration_seconds", "Duration (s)", ColumnType.NUMBER, a.DURATION_SECONDS)
                .add("occurred_at", "Occurred at", ColumnType.TIME, a.OCCURRED_AT);
        return new Entity("activities", "Activities", "leads:read", from, a.OCCURRED_AT, columns.map,
                List.of("occurred_at", "user", "activity_type", "outcome", "lead_id"),
                user -> work.doneBy(user, a.ORGANIZATION_ID, a.USER_ID));
    }

    private static Entity tasks(WorkScope work) {
        Tasks t = TASKS.as("t");
        Users u = USERS.as("u");
        Table<?> from = t.leftJoin(u).on(u.ORGANIZATION_ID.eq(t.ORGANIZATION_ID), u.ID.eq(t.ASSIGNEE_ID));
        Columns columns = new Columns()
                .add("id", "Task id", ColumnType.UUID, t.ID)
                .add("lead_id", "Lead id", ColumnType.UUID, t.LEAD_ID)
                .add("title", "Title", ColumnType.TEXT, t.TITLE)
                .add("kind", "Kind", ColumnType.TEXT, t.KIND)
                .add("status", "Status", ColumnType.TEXT, t.STATUS)
                .add("priority", "Priority", ColumnType.TEXT, t.PRIORITY)
                .add("assignee_id", "Assignee id", ColumnType.UUID, t.ASSIGNEE_ID)
                .add("assignee", "Assignee", ColumnType.TEXT, userName(u))
                .add("overdue", "Overdue (1 or 0)", ColumnType.NUMBER,
                        DSL.when(t.STATUS.eq("open").and(t.DUE_AT.lt(DSL.currentOffsetDateTime())), DSL.inline(1))
                                .otherwise(DSL.inline(0)))
                .add("completed_on_time", "Done on time (1 or 0)", ColumnType.NUMBER,
                        DSL.when(t.STATUS.eq("completed").and(t.DUE_AT.isNull().or(t.COMPLETED_AT.le(t.DUE_AT))),
                                DSL.inline(1)).otherwise(DSL.inline(0)))
                .add("due_at", "Due", ColumnType.TIME, t.DUE_AT)
                .add("completed_at", "Completed", ColumnType.TIME, t.COMPLETED_AT)
                .add("created_at", "Created", ColumnType.TIME, t.CREATED_AT);
        return new Entity("tasks", "Tasks and follow-ups", "leads:read", from, t.DUE_AT, columns.map,
                List.of("due_at", "title", "kind", "status", "assignee"),
                user -> work.doneBy(user, t.ORGANIZATION_ID, t.ASSIGNEE_ID));
    }

    private static Entity stages(WorkScope work) {
        LeadStages st = LEAD_STAGES.as("st");
        LeadStatuses s = LEAD_STATUSES.as("s");
        Users u = USERS.as("u");
        Table<?> from = st.join(s).on(s.ORGANIZATION_ID.eq(st.ORGANIZATION_ID), s.ID.eq(st.STATUS_ID))
                .leftJoin(u).on(u.ORGANIZATION_ID.eq(st.ORGANIZATION_ID), u.ID.eq(st.CHANGED_BY));
        Columns columns = new Columns()
                .add("id", "Stage id", ColumnType.UUID, st.ID)
                .add("lead_id", "Lead id", ColumnType.UUID, st.LEAD_ID)
                .add("status", "Status", ColumnType.TEXT, s.NAME)
                .add("status_code", "Status code", ColumnType.TEXT, s.CODE)
                .add("changed_by", "Changed by id", ColumnType.UUID, st.CHANGED_BY)
                .add("changed_by_name", "Changed by", ColumnType.TEXT, userName(u))
                .add("duration_seconds", "Time in stage (s)", ColumnType.NUMBER, st.DURATION_SECONDS)
                .add("sla_breached", "SLA breached (1 or 0)", ColumnType.NUMBER,
                        DSL.when(st.SLA_DUE_AT.lt(DSL.coalesce(st.EXITED_AT, DSL.currentOffsetDateTime())),
                                DSL.inline(1)).otherwise(DSL.inline(0)))
                .add("entered_at", "Entered", ColumnType.TIME, st.ENTERED_AT)
                .add("exited_at", "Exited", ColumnType.TIME, st.EXITED_AT)
                .add("sla_due_at", "SLA due", ColumnType.TIME, st.SLA_DUE_AT);
        return new Entity("stages", "Stage changes", "leads:read", from, st.ENTERED_AT, columns.map,
                List.of("entered_at", "lead_id", "status", "changed_by_name", "duration_seconds"),
                user -> work.doneBy(user, st.ORGANIZATION_ID, st.CHANGED_BY));
    }

    private static Entity communications(WorkScope work) {
        Communications m = COMMUNICATIONS.as("m");
        Users u = USERS.as("u");
        Table<?> from = m.leftJoin(u).on(u.ORGANIZATION_ID.eq(m.ORGANIZATION_ID), u.ID.eq(m.USER_ID));
        Columns columns = new Columns()
                .add("id", "Message id", ColumnType.UUID, m.ID)
                .add("lead_id", "Lead id", ColumnType.UUID, m.LEAD_ID)
                .add("user_id", "User id", ColumnType.UUID, m.USER_ID)
                .add("user", "User", ColumnType.TEXT, userName(u))
                .add("channel", "Channel", ColumnType.TEXT, m.TYPE)
                .add("direction", "Direction", ColumnType.TEXT, m.DIRECTION)
                .add("status", "Status", ColumnType.TEXT, m.STATUS)
                .add("subject", "Subject", ColumnType.TEXT, m.SUBJECT)
                .add("to_address", "To", ColumnType.TEXT, m.TO_ADDRESS)
                .add("created_at", "Created", ColumnType.TIME, m.CREATED_AT)
                .add("sent_at", "Sent", ColumnType.TIME, m.SENT_AT)
                .add("delivered_at", "Delivered", ColumnType.TIME, m.DELIVERED_AT)
                .add("read_at", "Read", ColumnType.TIME, m.READ_AT);
        return new Entity("communications", "Communications", "leads:read", from, m.CREATED_AT, columns.map,
                List.of("created_at", "user", "channel", "direction", "status", "subject"),
                user -> work.doneBy(user, m.ORGANIZATION_ID, m.USER_ID));
    }

    private static Field<String> userName(Users u) {
        return DSL.nullif(DSL.trim(DSL.concat(DSL.coalesce(u.FIRST_NAME, DSL.inline("")), DSL.inline(" "),
                DSL.coalesce(u.LAST_NAME, DSL.inline("")))), DSL.inline(""));
    }

    private static final class Columns {
        private final Map<String, Column> map = new LinkedHashMap<>();

        Columns add(String name, String label, ColumnType type, Field<?> field) {
            map.put(name, new Column(name, label, type, field));
            return this;
        }
    }

    static Field<UUID> uuid(Field<?> field) {
        return field.cast(SQLDataType.UUID);
    }
}
