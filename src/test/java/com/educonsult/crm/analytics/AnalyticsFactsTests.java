package com.educonsult.crm.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.educonsult.crm.support.ApiTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

/**
 * The facts the writes append (V41) always equal the same figures computed by plain SQL over the base tables:
 * after generated data, after reassignments, status changes, conversions, soft and hard deletes, changed and deleted
 * calls, completed tasks and delivered messages, and after folding. (The facts V43 added for the stage metrics are
 * checked through their endpoints in StageAnalyticsExactnessTests.) The lead facts' coarser grains (V48) equal the same
 * figures summed over the dimensions each leaves out.
 */
class AnalyticsFactsTests extends ApiTest {

    /** Every fact, as plain SQL over the base tables of one organization (its time zone's days). */
    private static final String EXPECTED = """
            with z as (select time_zone as zone from organizations where id = {0}),
            stages as (
              select s.*, lag(s.status_id) over (partition by s.lead_id order by s.entered_at, s.id) as previous
              from lead_stages s where s.organization_id = {0})
            select (l.created_at at time zone z.zone)::date as day, 'lead_created' as metric, l.branch_id,
                   l.assigned_to as owner_id, null::uuid as user_id, l.platform, l.source, l.status_id,
                   null::uuid as from_status_id, l.priority as kind, null::text as detail, count(*) as n,
                   0::numeric as total, count(*) filter (where l.converted_at is not null) as met
            from leads l, z where l.organization_id = {0} and l.deleted_at is null
            group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
            union all
            select (l.converted_at at time zone z.zone)::date, 'lead_converted', l.branch_id, l.assigned_to, null::uuid,
                   l.platform, l.source, l.status_id, null::uuid, l.priority, null::text, count(*),
                   sum(greatest(0, floor(extract(epoch from l.converted_at - l.created_at)))), 0
            from leads l, z where l.organization_id = {0} and l.deleted_at is null and l.converted_at is not null
            group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
            union all
            select (s.entered_at at time zone z.zone)::date, 'stage_entered', null::uuid, null::uuid, s.changed_by, null::text,
                   null::text, s.status_id, s.previous, null::text, null::text, count(*), 0, 0
            from stages s, z group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
            union all
            select (s.exited_at at time zone z.zone)::date, 'stage_exited', null::uuid, null::uuid, s.changed_by, null::text,
                   null::text, s.status_id, s.previous,
                   case when s.sla_due_at is null then 'no_sla' when s.exited_at <= s.sla_due_at then 'met'
                        else 'breached' end, null::text, count(*),
                   sum(coalesce(s.duration_seconds, greatest(0, floor(extract(epoch from s.exited_at - s.entered_at))))),
                   count(*) filter (where s.exited_at <= s.sla_due_at)
            from stages s, z where s.exited_at is not null group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
            union all
            select (c.called_at at time zone z.zone)::date, 'call', null::uuid, null::uuid, c.user_id, null::text, null::text,
                   null::uuid, null::uuid,
                   c.call_type, case when c.lead_id is null then 'unknown' else 'lead' end, count(*),
                   sum(c.duration_seconds),
                   count(*) filter (where c.duration_seconds > 0 and c.call_type in ('incoming', 'outgoing'))
            from call_logs c, z where c.organization_id = {0} group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
            union all
            select (a.occurred_at at time zone z.zone)::date, 'activity', null::uuid, null::uuid, a.user_id, null::text, null::text,
                   null::uuid, null::uuid, a.activity_type, a.direction, count(*), sum(coalesce(a.duration_seconds, 0)),
                   count(*) filter (where a.status = 'completed')
            from activities a, z where a.organization_id = {0} group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
            union all
            select (t.due_at at time zone z.zone)::date, 'task_due', null::uuid, null::uuid, t.assignee_id, null::text,
                   null::text, null::uuid, null::uuid, t.kind, t.status, count(*), 0,
                   count(*) filter (where t.status = 'completed' and t.completed_at <= t.due_at)
            from tasks t, z where t.organization_id = {0} and t.due_at is not null and t.status <> 'cancelled'
            group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
            union all
            select (t.completed_at at time zone z.zone)::date, 'task_completed', null::uuid, null::uuid,
                   coalesce(t.completed_by, t.assignee_id), null::text, null::text, null::uuid, null::uuid, t.kind,
                   null::text, count(*), 0,
                   count(*) filter (where t.due_at is null or t.completed_at <= t.due_at)
            from tasks t, z where t.organization_id = {0} and t.status = 'completed' and t.completed_at is not null
            group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
            union all
            select (m.created_at at time zone z.zone)::date, 'message', null::uuid, null::uuid, m.user_id, null::text,
                   m.direction, null::uuid, null::uuid, m.type, m.status, count(*), 0, count(*) filter (where m.status in ('delivered', 'read'))
            from communications m, z where m.organization_id = {0} group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
            """;

    /** The metrics of V41 (those V43 added for the stage metrics are checked through their endpoints). */
    private static final String METRICS = "('lead_created', 'lead_converted', 'stage_entered', 'stage_exited', "
            + "'call', 'activity', 'task_due', 'task_completed', 'message')";

    private static final String ACTUAL = """
            select day, metric, branch_id, owner_id, user_id, platform, source, status_id, from_status_id, kind,
                   detail, sum(n) as n, sum(total) as total, sum(met) as met
            from analytics_facts
            where organization_id = {0} and grain = 0
              and metric in """ + METRICS + """
            group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
            having sum(n) <> 0 or sum(total) <> 0 or sum(met) <> 0
            """;

    /**
     * The lead facts at their coarser grains (V48): the plain SQL's grain-0 figures summed over the dimensions a grain
     * leaves out, beside the stored rows of that grain ({0}: the plain SQL, {1}: the organization).
     */
    private static final String EXPECTED_GRAINS = """
            select g.grain, e.day, e.metric, e.branch_id, e.owner_id, case when g.grain = 4 then e.platform end,
                   case when g.grain = 3 then e.source end, case when g.grain = 2 then e.status_id end,
                   sum(e.n) as n, sum(e.total) as total, sum(e.met) as met
            from ({0}) e cross join (values (1), (2), (3), (4)) g (grain)
            where e.metric in ('lead_created', 'lead_converted')
            group by 1, 2, 3, 4, 5, 6, 7, 8 having sum(e.n) <> 0 or sum(e.total) <> 0 or sum(e.met) <> 0
            """;

    private static final String ACTUAL_GRAINS = """
            select grain, day, metric, branch_id, owner_id, platform, source, status_id, sum(n) as n,
                   sum(total) as total, sum(met) as met
            from analytics_facts
            where organization_id = {1} and grain > 0 and metric in ('lead_created', 'lead_converted')
            group by 1, 2, 3, 4, 5, 6, 7, 8 having sum(n) <> 0 or sum(total) <> 0 or sum(met) <> 0
            """;

    /** Each lead's first outgoing call or sent message, as plain SQL. */
    private static final String EXPECTED_RESPONSES = """
            select l.id, l.created_at, l.branch_id, l.assigned_to, l.source, l.deleted_at is not null as deleted,
                   least((select min(c.called_at) from call_logs c
                          where c.organization_id = l.organization_id and c.lead_id = l.id and c.call_type = 'outgoing'),
                         (select min(coalesce(m.sent_at, m.created_at)) from communications m
                          where m.organization_id = l.organization_id and m.lead_id = l.id and m.direction = 'outbound'
                            and (m.status in ('sent', 'delivered', 'read') or m.status = 'logged' and m.type <> 'call')))
                     as responded_at
            from leads l where l.organization_id = {0}
            """;

    private static final String ACTUAL_RESPONSES = """
            select lead_id, created_at, branch_id, owner_id, source, deleted, responded_at
            from lead_responses where organization_id = {0}
            """;

    @Test
    void theFactsEqualPlainSqlOverTheBaseTablesThroughEveryKindOfWrite() {
        Org org = registerOrganization();
        UUID north = branch(org, "North", "N");
        UUID south = branch(org, "South", "S");
        List<UUID> people = List.of(userWithRole(org, "counselor", north).id(), userWithRole(org, "counselor", south).id(),
                userWithRole(org, "manager", north).id(), org.adminId());
        tenancy.runAs(org.id(), () -> generate(org.id(), people, north, south));
        assertFactsMatch(org);

        tenancy.runAs(org.id(), () -> change(org.id(), people));
        assertFactsMatch(org);

        long mark = fold(org, 0);
        assertFactsMatch(org);
        assertThat(fold(org, mark)).as("a fold takes its own rows for old ones").isEqualTo(mark);
        Long rowsAfterFold = tenancy.callAs(org.id(), () -> db.fetchValue(
                "select count(*) from analytics_facts where organization_id = ? and grain = 0 and metric in " + METRICS, org.id())
                        instanceof Number n
                        ? n.longValue() : null);
        Long groups = tenancy.callAs(org.id(), () -> db.fetchValue("select count(*) from (" + ACTUAL.replace("{0}", "?")
                + ") g", org.id()) instanceof Number n ? n.longValue() : null);
        assertThat(rowsAfterFold).isEqualTo(groups);

        tenancy.runAs(org.id(), () -> change(org.id(), people));
        assertFactsMatch(org);
    }

    @Test
    void aLeadCreatedAMinuteBeforeMidnightInKolkataCountsOnThatDay() {
        Org org = registerOrganization();
        tenancy.runAs(org.id(), () -> db.execute("""
                insert into leads (organization_id, status_id, first_name, created_at)
                select ?, (select id from lead_statuses where organization_id = ? and is_default), 'Late', t
                from unnest(array['2026-03-09T18:29:00Z', '2026-03-09T18:30:00Z']::timestamptz[]) t""",
                org.id(), org.id()));

        List<Record> days = tenancy.callAs(org.id(), () -> db.fetch("""
                select day, sum(n) as n from analytics_facts where organization_id = ? and metric = 'lead_created' and grain = 0
                group by day order by day""", org.id()));

        assertThat(days).extracting(r -> r.get("day", LocalDate.class), r -> r.get("n", Long.class))
                .containsExactly(tuple(LocalDate.of(2026, 3, 9), 1L),
                        tuple(LocalDate.of(2026, 3, 10), 1L));
    }

    /** Folds the organization's facts appended after the mark; answers the new mark. */
    private long fold(Org org, long mark) {
        return tenancy.callAs(org.id(), () -> ((Number) db.fetchValue("select fold_analytics_facts(?, ?)", org.id(),
                mark)).longValue());
    }

    private void assertFactsMatch(Org org) {
        tenancy.runAs(org.id(), () -> {
            String expected = EXPECTED.replace("{0}", "'" + org.id() + "'::uuid");
            String actual = ACTUAL.replace("{0}", "'" + org.id() + "'::uuid");
            assertThat(db.fetch("(" + expected + ") except all (" + actual + ")"))
                    .as("facts the base tables hold but analytics_facts does not").isEmpty();
            assertThat(db.fetch("(" + actual + ") except all (" + expected + ")"))
                    .as("facts analytics_facts holds but the base tables do not").isEmpty();
            assertThat(((Number) db.fetchValue("select count(*) from (" + expected + ") e")).longValue()).isGreaterThan(50);

            String expectedGrains = EXPECTED_GRAINS.replace("{0}", expected);
            String actualGrains = ACTUAL_GRAINS.replace("{1}", "'" + org.id() + "'::uuid");
            assertThat(db.fetch("(" + expectedGrains + ") except all (" + actualGrains + ")"))
                    .as("coarser lead facts the base tables hold but analytics_facts does not").isEmpty();
            assertThat(db.fetch("(" + actualGrains + ") except all (" + expectedGrains + ")"))
                    .as("coarser lead facts analytics_facts holds but the base tables do not").isEmpty();

            String expectedResponses = EXPECTED_RESPONSES.replace("{0}", "'" + org.id() + "'::uuid");
            String actualResponses = ACTUAL_RESPONSES.replace("{0}", "'" + org.id() + "'::uuid");
            assertThat(db.fetch("(" + expectedResponses + ") except all (" + actualResponses + ")"))
                    .as("first responses").isEmpty();
            assertThat(db.fetch("(" + actualResponses + ") except all (" + expectedResponses + ")"))
                    .as("first responses").isEmpty();
        });
    }

    /** Leads over two years, their stages, calls, activities, tasks and messages, by the given people. */
    private void generate(UUID org, List<UUID> people, UUID north, UUID south) {
        db.execute("select setseed(0.42)");
        db.execute("""
                insert into leads (organization_id, status_id, first_name, phone, branch_id, assigned_to, source,
                                   platform, priority, created_at, converted_at)
                select {0}, statuses[1 + floor(random() * cardinality(statuses))::int],
                       'Lead ' || n, '+9198' || lpad(n::text, 8, '0'),
                       (array[{1}, {2}, null])[1 + floor(random() * 3)::int],
                       ({3}::uuid[] || array[null::uuid])[1 + floor(random() * 5)::int],
                       (array['facebook ads', 'fair', 'referral', null])[1 + floor(random() * 4)::int],
                       (array['facebook', 'website', 'manual'])[1 + floor(random() * 3)::int],
                       (array['hot', 'warm', 'cold'])[1 + floor(random() * 3)::int],
                       created, case when random() < 0.2 then created + random() * interval '60 days' end
                from (select n, now() - random() * interval '700 days' as created from generate_series(1, 600) n) g,
                     (select array_agg(id) as statuses from lead_statuses where organization_id = {0}) st
                """.replace("{0}", "'" + org + "'::uuid").replace("{1}", "'" + north + "'::uuid")
                .replace("{2}", "'" + south + "'::uuid").replace("{3}", uuidArray(people)));
        db.execute("""
                insert into lead_stages (organization_id, lead_id, status_id, entered_at, exited_at, duration_seconds,
                                         sla_due_at, changed_by)
                select l.organization_id, l.id, st.id, e.entered, e.exited,
                       floor(extract(epoch from e.exited - e.entered)),
                       case when random() < 0.6 then e.entered + interval '2 days' end,
                       ({1}::uuid[])[1 + floor(random() * 4)::int]
                from leads l
                cross join lateral generate_series(1, 1 + floor(random() * 3)::int) k
                cross join lateral (select l.created_at + (k - 1) * interval '3 days' as entered,
                                           case when k < 3 then l.created_at + (k - 1) * interval '3 days'
                                                + random() * interval '3 days' end as exited) e
                cross join lateral (select id from lead_statuses s where s.organization_id = l.organization_id
                                    order by s.position offset (k - 1) limit 1) st
                where l.organization_id = {0}
                order by l.id, k
                """.replace("{0}", "'" + org + "'::uuid").replace("{1}", uuidArray(people)));
        // only the last stage of a lead stays open
        db.execute("""
                update lead_stages s set exited_at = s.entered_at + interval '1 hour', duration_seconds = 3600
                where s.organization_id = ? and s.exited_at is null and exists (
                  select 1 from lead_stages later where later.organization_id = s.organization_id
                    and later.lead_id = s.lead_id and later.entered_at > s.entered_at)""", org);
        db.execute("""
                insert into call_logs (organization_id, user_id, lead_id, device_call_id, phone_number, phone_e164,
                                       call_type, duration_seconds, called_at)
                select {0}, ({1}::uuid[])[1 + floor(random() * 4)::int],
                       case when random() < 0.8 then (select id from leads where organization_id = {0}
                                                      order by random() + n * 0 limit 1) end,
                       'device-' || n, '98' || n, '+9198' || lpad(n::text, 8, '0'), t,
                       case when t in ('missed', 'rejected') then 0 else floor(random() * 600)::int end,
                       now() - random() * interval '700 days'
                from generate_series(1, 900) n,
                     lateral (select (array['incoming', 'outgoing', 'outgoing', 'missed', 'rejected'])
                                     [1 + floor(random() * 5 + n * 0)::int] as t) x
                """.replace("{0}", "'" + org + "'::uuid").replace("{1}", uuidArray(people)));
        db.execute("""
                insert into activities (organization_id, lead_id, user_id, activity_type, direction, description,
                                        duration_seconds, occurred_at, status)
                select l.organization_id, l.id, ({1}::uuid[])[1 + floor(random() * 4)::int],
                       (array['call', 'note', 'meeting', 'whatsapp'])[1 + floor(random() * 4)::int],
                       (array['inbound', 'outbound', null])[1 + floor(random() * 3)::int], 'Worked the lead',
                       case when random() < 0.5 then floor(random() * 900)::int end,
                       l.created_at + random() * interval '30 days',
                       (array['completed', 'completed', 'pending', 'cancelled'])[1 + floor(random() * 4)::int]
                from leads l cross join generate_series(1, 2) k where l.organization_id = {0}
                """.replace("{0}", "'" + org + "'::uuid").replace("{1}", uuidArray(people)));
        db.execute("""
                insert into tasks (organization_id, lead_id, title, kind, status, due_at, assignee_id, completed_at,
                                   completed_by)
                select l.organization_id, l.id, 'Follow up', x.kind, x.st, x.due,
                       ({1}::uuid[])[1 + floor(random() * 4)::int],
                       case when x.st = 'completed' then coalesce(x.due, l.created_at) + (random() - 0.5) * interval '4 days' end,
                       case when x.st = 'completed' and random() < 0.7 then ({1}::uuid[])[1 + floor(random() * 4)::int] end
                from leads l
                cross join lateral (
                  select (array['open', 'completed', 'cancelled'])[1 + floor(random() * 3)::int] as st,
                         (array['task', 'follow_up', 'call'])[1 + floor(random() * 3)::int] as kind,
                         case when random() < 0.9 then l.created_at + random() * interval '20 days' end as due) x
                where l.organization_id = {0}
                """.replace("{0}", "'" + org + "'::uuid").replace("{1}", uuidArray(people)));
        db.execute("update tasks set completed_at = now() where organization_id = ? and status = 'completed' "
                + "and completed_at is null", org);
        db.execute("""
                insert into communications (organization_id, lead_id, user_id, type, direction, status, body,
                                            sent_at, created_at)
                select l.organization_id, l.id, ({1}::uuid[])[1 + floor(random() * 4)::int],
                       (array['email', 'sms', 'whatsapp', 'call'])[1 + floor(random() * 4)::int], d,
                       case when d = 'inbound' then 'received'
                            else (array['queued', 'sent', 'delivered', 'read', 'failed', 'logged'])[1 + floor(random() * 6)::int]
                       end, 'Hello', case when random() < 0.7 then l.created_at + random() * interval '5 days' end,
                       l.created_at + random() * interval '5 days'
                from leads l
                cross join lateral (select (array['inbound', 'outbound', 'outbound'])
                                           [1 + floor(random() * 3 + 0 * length(l.first_name))::int] as d) x
                where l.organization_id = {0} and random() < 0.7
                """.replace("{0}", "'" + org + "'::uuid").replace("{1}", uuidArray(people)));
    }

    /** What a day of work changes: reassignments, moves, conversions, deletes, corrections. */
    private void change(UUID org, List<UUID> people) {
        String who = uuidArray(people);
        db.execute("update leads set assigned_to = ({1}::uuid[])[1 + floor(random() * 4)::int] "
                .replace("{1}", who) + "where organization_id = ? and random() < 0.2", org);
        db.execute("update leads set branch_id = null, priority = 'hot' where organization_id = ? and random() < 0.1", org);
        db.execute("update leads set status_id = (select id from lead_statuses where organization_id = leads.organization_id "
                + "and is_won limit 1), converted_at = now() where organization_id = ? and converted_at is null "
                + "and random() < 0.05", org);
        db.execute("update leads set deleted_at = now() where organization_id = ? and deleted_at is null and random() < 0.05",
                org);
        db.execute("update leads set deleted_at = null where organization_id = ? and deleted_at is not null "
                + "and random() < 0.3", org);
        db.execute("delete from leads where organization_id = ? and random() < 0.03", org);
        db.execute("update lead_stages set exited_at = now(), duration_seconds = null where organization_id = ? "
                + "and exited_at is null and random() < 0.1", org);
        db.execute("update call_logs set duration_seconds = duration_seconds + 30 where organization_id = ? "
                + "and call_type = 'outgoing' and random() < 0.2", org);
        db.execute("update call_logs set lead_id = (select id from leads l where l.organization_id = call_logs.organization_id "
                + "order by l.created_at limit 1) where organization_id = ? and lead_id is null and random() < 0.3", org);
        // a first response stays the first response when its call or message is deleted later: delete others only
        db.execute("delete from call_logs where organization_id = ? and call_type <> 'outgoing' and random() < 0.1", org);
        db.execute("update activities set status = 'completed', activity_type = 'email' where organization_id = ? "
                + "and random() < 0.1", org);
        db.execute("delete from activities where organization_id = ? and random() < 0.05", org);
        db.execute("update tasks set status = 'completed', completed_at = now(), completed_by = assignee_id "
                + "where organization_id = ? and status = 'open' and random() < 0.3", org);
        db.execute("update tasks set status = 'cancelled' where organization_id = ? and status = 'open' "
                + "and random() < 0.1", org);
        db.execute("update communications set status = 'delivered', sent_at = now() "
                + "where organization_id = ? and status = 'queued' and random() < 0.5", org);
        db.execute("update communications set status = 'read', read_at = now() "
                + "where organization_id = ? and status = 'delivered' and random() < 0.3", org);
        db.execute("delete from communications where organization_id = ? and direction = 'inbound' and random() < 0.1",
                org);
    }

    private UUID branch(Org org, String name, String code) {
        return UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", name, "code", code))
                .expect(201).data().get("id").asString());
    }

    private static String uuidArray(List<UUID> ids) {
        return "array[" + String.join(", ", ids.stream().map(id -> "'" + id + "'::uuid").toList()) + "]";
    }
}
