package com.educonsult.crm.analytics.stages;

import com.educonsult.crm.platform.Tenancy;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Leads, their stays in statuses and their activities written straight in SQL (the triggers keep the facts): spread
 * over the last 45 days and hours of the day, across statuses, platforms, sources, branches, assignees, who moved
 * them and whether they kept their SLA, so that every figure can be compared with plain SQL over the base tables.
 */
final class AnalyticsData {

    private final DSLContext db;
    private final Tenancy tenancy;

    AnalyticsData(DSLContext db, Tenancy tenancy) {
        this.db = db;
        this.tenancy = tenancy;
    }

    /**
     * {@code count} leads; assignees and movers cycle through {@code users} (a null among them: unassigned); every
     * third lead is in the branch; one in fifty is deleted.
     */
    void generate(UUID organizationId, UUID branchId, UUID[] users, int count) {
        tenancy.runAs(organizationId, () -> {
            db.execute("""
                    with s as (
                      select array_agg(id order by position) as ids from lead_statuses where active
                    ),
                    new_leads as (
                      insert into leads (organization_id, branch_id, assigned_to, assigned_at, status_id, first_name,
                                         last_name, priority, source, platform, created_at, updated_at,
                                         status_entered_at, converted_at, deleted_at)
                      select {0}, case when g % 3 = 0 then {1}::uuid end, u.assignee,
                             case when u.assignee is not null then c.created + (g % 10) * interval '1 hour'
                                  + (g % 7) * interval '1 minute' end,
                             s.ids[1 + g % cardinality(s.ids)], 'Lead', 'No ' || g,
                             (array['hot','warm','cold'])[1 + g % 3],
                             (array['facebook_ads','website','walk_in','referral'])[1 + g % 4],
                             (array['facebook','instagram','website','manual','referral'])[1 + g % 5],
                             c.created, c.created, c.created,
                             case when g % 4 = 1 then c.created + (g % 30) * interval '1 hour' end,
                             case when g % 50 = 0 then now() end
                      from generate_series(1, {3}::int) g cross join s
                      cross join lateral (select ({2}::uuid[])[1 + g % cardinality({2}::uuid[])] as assignee) u
                      cross join lateral (select now() - (g % 45) * interval '1 day'
                                                 - ((g * 37) % 1440) * interval '1 minute' as created) c
                      returning organization_id, id, status_id, created_at,
                                (substring(last_name from 4))::int as g
                    ),
                    firsts as (
                      insert into lead_stages (organization_id, lead_id, status_id, from_status_id, entered_at,
                                               exited_at, duration_seconds, sla_due_at, changed_by)
                      select l.organization_id, l.id, (select ids[1] from s), null, l.created_at,
                             case when l.status_id <> (select ids[1] from s)
                                  then l.created_at + (l.g % 60) * interval '1 hour' end,
                             case when l.status_id <> (select ids[1] from s) then (l.g % 60) * 3600 end,
                             case when l.g % 2 = 0 then l.created_at + interval '24 hours' end,
                             ({2}::uuid[])[1 + (l.g + 1) % cardinality({2}::uuid[])]
                      from new_leads l
                      returning lead_id
                    ),
                    seconds as (
                      insert into lead_stages (organization_id, lead_id, status_id, from_status_id, entered_at,
                                               sla_due_at, changed_by)
                      select l.organization_id, l.id, l.status_id, (select ids[1] from s),
                             l.created_at + (l.g % 60) * interval '1 hour',
                             case when l.g % 5 = 0 then l.created_at + (l.g % 60 + 12) * interval '1 hour' end,
                             ({2}::uuid[])[1 + (l.g + 2) % cardinality({2}::uuid[])]
                      from new_leads l where l.status_id <> (select ids[1] from s)
                      returning lead_id
                    )
                    insert into activities (organization_id, lead_id, user_id, activity_type, description,
                                            occurred_at, priority, status, duration_seconds)
                    select l.organization_id, l.id, ({2}::uuid[])[1 + (l.g + k) % cardinality({2}::uuid[])],
                           (array['call','note','meeting','email'])[1 + (l.g + k) % 4], 'Spoke about the intake',
                           l.created_at + k * interval '5 hours',
                           (array['low','medium','high','urgent'])[1 + (l.g * k) % 4],
                           (array['completed','pending','cancelled'])[1 + (l.g + k) % 3], (l.g % 9) * 60
                    from new_leads l cross join generate_series(1, 2) k
                    """, organizationId, branchId, users, count);
        });
    }
}
