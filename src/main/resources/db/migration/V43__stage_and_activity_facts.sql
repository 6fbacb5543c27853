-- Facts the stage, lead and activity analytics need beyond V41 (decision 0005), kept by the same statement-level
-- triggers on the writes, never computed per request:
--   lead_assigned  : a live lead that has an assignee's assignment time, on its creation day, in the lead's scope now.
--                    n: such leads; total: seconds from creation to the (latest) assignment.
--   activity_state : an activity by user_id on the day it occurred. kind: activity type; source: priority;
--                    detail: status (pending / completed / cancelled).
--   stage_duration : a stage left, on the day it was left, by who moved the lead into it (changed_by).
--                    kind: how long it lasted (up_to_24h / 24h_to_48h / over_48h); total: seconds past its SLA.

create or replace function analytics_assignment_facts_sql(source text) returns text
language sql immutable as $fn$
  select analytics_fact_changes_sql(format($sql$
    select organization_id, analytics_day(created_at, zone) as day, 'lead_assigned' as metric, branch_id,
           assigned_to as owner_id, null::uuid as user_id, platform, source, status_id, null::uuid as from_status_id,
           priority as kind, null::text as detail, sign as n,
           sign * greatest(0, floor(extract(epoch from assigned_at - created_at)))::bigint as total, 0 as met
    from %1$s l where deleted_at is null and assigned_at is not null
  $sql$, source))
$fn$;

create or replace function analytics_activity_state_facts_sql(source text) returns text
language sql immutable as $fn$
  select analytics_fact_changes_sql(format($sql$
    select organization_id, analytics_day(occurred_at, zone) as day, 'activity_state' as metric,
           null::uuid as branch_id, null::uuid as owner_id, user_id, null::text as platform, priority as source,
           null::uuid as status_id, null::uuid as from_status_id, activity_type as kind, status as detail,
           sign as n, 0 as total, 0 as met
    from %1$s a
  $sql$, source))
$fn$;

create or replace function analytics_stage_duration_facts_sql(source text) returns text
language sql immutable as $fn$
  select analytics_fact_changes_sql(format($sql$
    select organization_id, analytics_day(exited_at, zone) as day, 'stage_duration' as metric,
           null::uuid as branch_id, null::uuid as owner_id, changed_by as user_id, null::text as platform,
           null::text as source, status_id, null::uuid as from_status_id,
           case when seconds <= 86400 then 'up_to_24h' when seconds <= 172800 then '24h_to_48h' else 'over_48h' end
             as kind,
           null::text as detail, sign as n,
           sign * case when sla_due_at is not null and exited_at > sla_due_at
                       then floor(extract(epoch from exited_at - sla_due_at))::bigint else 0 end as total,
           0 as met
    from (select *, coalesce(duration_seconds, greatest(0, floor(extract(epoch from exited_at - entered_at))))::bigint
                      as seconds
          from %1$s x where exited_at is not null) s
  $sql$, source))
$fn$;

create or replace function append_more_analytics_facts() returns trigger
language plpgsql as $$
begin
  execute case tg_argv[0]
    when 'leads' then analytics_assignment_facts_sql(analytics_signed_rows(tg_op))
    when 'lead_stages' then analytics_stage_duration_facts_sql(analytics_signed_rows(tg_op))
    when 'activities' then analytics_activity_state_facts_sql(analytics_signed_rows(tg_op)) end;
  return null;
end
$$;

do $$
declare
  tbl text;
begin
  foreach tbl in array array['leads', 'lead_stages', 'activities'] loop
    execute format('create trigger %1$s_more_facts_on_insert after insert on %1$s '
                   'referencing new table as changed_after '
                   'for each statement execute function append_more_analytics_facts(%1$L)', tbl);
    execute format('create trigger %1$s_more_facts_on_update after update on %1$s '
                   'referencing old table as changed_before new table as changed_after '
                   'for each statement execute function append_more_analytics_facts(%1$L)', tbl);
    execute format('create trigger %1$s_more_facts_on_delete after delete on %1$s '
                   'referencing old table as changed_before '
                   'for each statement execute function append_more_analytics_facts(%1$L)', tbl);
  end loop;
end
$$;

-- The new facts of what is already there.
do $$
declare
  everything text := '(select s.*, 1 as sign, o.time_zone as zone from %s s join organizations o on o.id = s.organization_id)';
begin
  execute analytics_assignment_facts_sql(format(everything, 'leads'));
  execute analytics_stage_duration_facts_sql(format(everything, 'lead_stages'));
  execute analytics_activity_state_facts_sql(format(everything, 'activities'));
end
$$;
