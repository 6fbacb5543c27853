package com.educonsult.crm.support;

import com.educonsult.crm.platform.Tenancy;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Leads at a consultancy's volume, written straight in SQL as the application role (row-level security applies, the
 * triggers run): names, phones, tags, statuses, owners and dates spread as a consultancy's are, each lead with its
 * open stage, two activities and a synced call, every other lead with a task. A third of the leads are in the branch,
 * one in twenty assigned to the counselor, one in twenty to the admin, one in a hundred deleted.
 */
public final class LeadVolumes {

    private static final int CHUNK = 50_000;

    private final DSLContext db;
    private final Tenancy tenancy;

    public LeadVolumes(DSLContext db, Tenancy tenancy) {
        this.db = db;
        this.tenancy = tenancy;
    }

    /** Adds {@code count} leads to the organization, in chunks of 50,000 (one transaction each). */
    public void generate(UUID organizationId, UUID adminId, UUID branchId, UUID counselorId, int count, String prefix) {
        for (int from = 1; from <= count; from += CHUNK) {
            int first = from;
            int last = Math.min(count, from + CHUNK - 1);
            tenancy.runAs(organizationId, () -> generateChunk(organizationId, adminId, branchId, counselorId, first,
                    last, prefix));
        }
    }

    private void generateChunk(UUID organizationId, UUID adminId, UUID branchId, UUID counselorId, int first,
            int last, String prefix) {
        db.execute("""
                with statuses as (
                  select array_agg(id order by position) as ids from lead_statuses
                ),
                new_leads as (
                  insert into leads (organization_id, branch_id, assigned_to, status_id, first_name, last_name,
                                     phone, email, city, priority, engagement, source, platform, tags, created_at,
                                     updated_at, status_entered_at, deleted_at, last_contact_date,
                                     next_follow_up_date)
                  select {0}, case when g % 3 = 0 then {1}::uuid end,
                         case when g % 20 = 0 then {2}::uuid when g % 20 = 1 then {3}::uuid end,
                         s.ids[1 + g % least(4, cardinality(s.ids))],
                         (array['Aarav','Vivaan','Ananya','Diya','Rahul','Priya','Imran','Mary','Joseph','Meera',
                                'Arjun','Kavya','Farhan','Sneha','Rohan','Isha'])[1 + g % 16],
                         (array['Sharma','Verma','Kurian','Nair','Khan','Iyer','Reddy','Das','Patel','Singh','Menon',
                                'Joshi','Gupta','Thomas','Bose','Pillai','Rao','Mehta','Kapoor','Fernandes'])
                           [1 + (g / 16) % 20] || case when g % 7 = 0 then '' else (g % 997)::text end,
                         '+9198' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0'),
                         {4} || g || '@mail.example',
                         (array['Delhi','Mumbai','Pune','Kochi','Chennai','Jaipur'])[1 + g % 6],
                         (array['hot','warm','cold'])[1 + g % 3], (array['new','active','hot','inactive'])[1 + g % 4],
                         (array['facebook_ads','website','walk_in','referral','portal'])[1 + g % 5],
                         (array['facebook','instagram','website','manual','import','referral','walk_in'])[1 + g % 7],
                         case when g % 5 = 0 then array['ielts'] when g % 211 = 0 then array['vip'] else '{}' end,
                         now() - (g % 900) * interval '1 day' - (g % 86400) * interval '1 second',
                         now() - (g % 30) * interval '1 day',
                         now() - (g % 900) * interval '1 day' - (g % 86400) * interval '1 second',
                         case when g % 100 = 0 then now() end,
                         case when g % 3 = 0 then null else now() - (g % 20) * interval '1 day' end,
                         case when g % 4 = 0 then now() + (g % 14 - 7) * interval '1 day' end
                  from generate_series({5}::int, {6}::int) g, statuses s
                  returning organization_id, id, status_id, assigned_to, phone, created_at
                ),
                stages as (
                  insert into lead_stages (organization_id, lead_id, status_id, entered_at)
                  select organization_id, id, status_id, created_at from new_leads
                ),
                activities_written as (
                  insert into activities (organization_id, lead_id, user_id, activity_type, description, occurred_at)
                  select l.organization_id, l.id, l.assigned_to, (array['call','note'])[k], 'Spoke about the intake',
                         l.created_at + k * interval '1 hour'
                  from new_leads l cross join generate_series(1, 2) k
                ),
                tasks_written as (
                  insert into tasks (organization_id, lead_id, title, due_at, assignee_id, created_by)
                  select l.organization_id, l.id, 'Call back', l.created_at + interval '2 days',
                         coalesce(l.assigned_to, {3}), {3}
                  from new_leads l
                  where right(l.phone, 1) in ('0', '2', '4', '6', '8')
                )
                insert into call_logs (organization_id, user_id, lead_id, device_call_id, phone_number, phone_e164,
                                       call_type, duration_seconds, called_at)
                select l.organization_id, coalesce(l.assigned_to, {3}), l.id, {4} || '-' || l.id, l.phone, l.phone,
                       'outgoing', 60, l.created_at + interval '1 hour'
                from new_leads l
                """, organizationId, branchId, counselorId, adminId, prefix, first, last);
    }
}
