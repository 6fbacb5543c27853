-- Analytics read figures from facts the writes keep exact, never from the base tables per request.
--
-- 1. analytics_facts: per organization-local day, metric and dimensions, a count (n), a summed quantity (total:
--    seconds of talk, of time in a stage, to conversion) and a count of the rows that "made it" (met: a connected
--    call, a stage left within its SLA, a task done on time). Every statement that changes a source table appends
--    its net change as rows, the way lead_tallies does (V21): no request updates a row, so writers never wait on each
--    other; readers sum the rows of their range and scope; AnalyticsFactFolding folds the days a batch touched into
--    one row per group.
--
--    Whose figures they are (decision 0005):
--    - lead figures (lead_created, lead_converted) carry the lead's branch and assignee *now*: a reassignment
--      moves them, so they match the lead list of the same scope;
--    - work figures (call, activity, task_due, task_completed, message, stage_entered, stage_exited) carry the user
--      who did the work (user_id), as the call list does: managers see their branch's users, others their own.
create table analytics_facts (
  organization_id uuid not null references organizations (id) on delete cascade,
  seq             bigint generated always as identity,
  day             date not null,
  metric          text not null,
  branch_id       uuid,
  owner_id        uuid,
  user_id         uuid,
  platform        text,
  source          text,
  status_id       uuid,
  from_status_id  uuid,
  kind            text,
  detail          text,
  n               bigint not null,
  total           bigint not null,
  met             bigint not null
);
create index analytics_facts_metric_day_idx on analytics_facts (organization_id, metric, day);
create index analytics_facts_seq_idx on analytics_facts (organization_id, seq);
call enable_tenant_isolation('analytics_facts');

-- How far AnalyticsFactFolding has folded each organization's facts.
create table analytics_fold_marks (
  organization_id uuid not null references organizations (id) on delete cascade,
  folded_seq      bigint not null,
  primary key (organization_id)
);
call enable_tenant_isolation('analytics_fold_marks');

-- The organization-local day of a moment.
create or replace function analytics_day(moment timestamptz, zone text) returns date
language sql immutable parallel safe as $$ select (moment at time zone zone)::date $$;

-- Appends, from `source` (rows of a table with a column `sign`: +1 after the statement, -1 before it, already
-- joined to organizations as `o`), the net change of the facts that `facts` (a select list per fact) derives.
create or replace function analytics_fact_changes_sql(facts text) returns text
language sql immutable as $fn$
  select format($sql$
    insert into analytics_facts (organization_id, day, metric, branch_id, owner_id, user_id, platform, source,
                                 status_id, from_status_id, kind, detail, n, total, met)
    select organization_id, day, metric, branch_id, owner_id, user_id, platform, source, status_id, from_status_id,
           kind, detail, sum(n)::bigint, sum(total)::bigint, sum(met)::bigint
    from (%s) f
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
    having sum(n) <> 0 or sum(total) <> 0 or sum(met) <> 0
  $sql$, facts)
$fn$;

-- The rows of a trigger's transition tables with their sign and their organization's time zone.
create or replace function analytics_signed_rows(op text) returns text
language sql immutable as $$
  select '(select s.*, o.time_zone as zone from ('
    || case op
         when 'INSERT' then 'select *, 1 as sign from changed_after'
         when 'DELETE' then 'select *, -1 as sign from changed_before'
         else 'select *, 1 as sign from changed_after union all select *, -1 as sign from changed_before' end
    || ') s join organizations o on o.id = s.organization_id)'
$$;

-- Leads: created and converted, in the lead's scope now; deleted leads count nowhere.
create or replace function analytics_lead_facts_sql(source text) returns text
language sql immutable as $fn$
  select analytics_fact_changes_sql(format($sql$
    select organization_id, analytics_day(created_at, zone) as day, 'lead_created' as metric, branch_id,
           assigned_to as owner_id, null::uuid as user_id, platform, source, status_id, null::uuid as from_status_id,
           priority as kind, null::text as detail, sign as n, 0 as total,
           case when converted_at is not null then sign else 0 end as met
    from %1$s l where deleted_at is null
    union all
    select organization_id, analytics_day(converted_at, zone), 'lead_converted', branch_id, assigned_to, null,
           platform, source, status_id, null, priority, null, sign,
           sign * greatest(0, floor(extract(epoch from converted_at - created_at)))::bigint, 0
    from %1$s l where deleted_at is null and converted_at is not null
  $sql$, source))
$fn$;

-- Stages: entered (from which status) and left (how long, within the SLA or not), by who moved the lead there.
create or replace function analytics_stage_facts_sql(source text) returns text
language sql immutable as $fn$
  select analytics_fact_changes_sql(format($sql$
    select organization_id, analytics_day(entered_at, zone) as day, 'stage_entered' as metric, null::uuid as branch_id,
           null::uuid as owner_id, changed_by as user_id, null::text as platform, null::text as source, status_id,
           from_status_id, null::text as kind, null::text as detail, sign as n, 0 as total, 0 as met
    from %1$s s
    union all
    select organization_id, analytics_day(exited_at, zone), 'stage_exited', null, null, changed_by, null, null,
           status_id, from_status_id,
           case when sla_due_at is null then 'no_sla' when exited_at <= sla_due_at then 'met' else 'breached' end,
           null, sign, sign * coalesce(duration_seconds, greatest(0, floor(extract(epoch from exited_at - entered_at))))::bigint,
           case when sla_due_at is not null and exited_at <= sla_due_at then sign else 0 end
    from %1$s s where exited_at is not null
  $sql$, source))
$fn$;

-- Calls: by type, talk time, connected (an answered call with talk time).
create or replace function analytics_call_facts_sql(source text) returns text
language sql immutable as $fn$
  select analytics_fact_changes_sql(format($sql$
    select organization_id, analytics_day(called_at, zone) as day, 'call' as metric, null::uuid as branch_id,
           null::uuid as owner_id, user_id, null::text as platform, null::text as source, null::uuid as status_id,
           null::uuid as from_status_id, call_type as kind,
           case when lead_id is null then 'unknown' else 'lead' end as detail, sign as n,
           sign * duration_seconds::bigint as total,
           case when duration_seconds > 0 and call_type in ('incoming', 'outgoing') then sign else 0 end as met
    from %1$s c
  $sql$, source))
$fn$;

-- Activities: by type and direction, their duration, the completed ones.
create or replace function analytics_activity_facts_sql(source text) returns text
language sql immutable as $fn$
  select analytics_fact_changes_sql(format($sql$
    select organization_id, analytics_day(occurred_at, zone) as day, 'activity' as metric, null::uuid as branch_id,
           null::uuid as owner_id, user_id, null::text as platform, null::text as source, null::uuid as status_id,
           null::uuid as from_status_id, activity_type as kind, direction as detail, sign as n,
           sign * coalesce(duration_seconds, 0)::bigint as total,
           case when status = 'completed' then sign else 0 end as met
    from %1$s a
  $sql$, source))
$fn$;

-- Tasks: due on a day for their assignee (met: done by then), and completed on a day by who did them.
create or replace function analytics_task_facts_sql(source text) returns text
language sql immutable as $fn$
  select analytics_fact_changes_sql(format($sql$
    select organization_id, analytics_day(due_at, zone) as day, 'task_due' as metric, null::uuid as branch_id,
           null::uuid as owner_id, assignee_id as user_id, null::text as platform, null::text as source,
           null::uuid as status_id, null::uuid as from_status_id, kind, status as detail, sign as n, 0 as total,
           case when status = 'completed' and completed_at <= due_at then sign else 0 end as met
    from %1$s t where due_at is not null and status <> 'cancelled'
    union all
    select organization_id, analytics_day(completed_at, zone), 'task_completed', null, null,
           coalesce(completed_by, assignee_id), null, null, null, null, kind, null, sign, 0,
           case when due_at is null or completed_at <= due_at then sign else 0 end
    from %1$s t where status = 'completed' and completed_at is not null
  $sql$, source))
$fn$;

-- Communications: by channel, direction and status, by the user who sent or logged them.
create or replace function analytics_message_facts_sql(source text) returns text
language sql immutable as $fn$
  select analytics_fact_changes_sql(format($sql$
    select organization_id, analytics_day(created_at, zone) as day, 'message' as metric, null::uuid as branch_id,
           null::uuid as owner_id, user_id, null::text as platform, direction as source, null::uuid as status_id,
           null::uuid as from_status_id, type as kind, status as detail, sign as n, 0 as total,
           case when status in ('delivered', 'read') then sign else 0 end as met
    from %1$s m
  $sql$, source))
$fn$;

create or replace function append_analytics_facts() returns trigger
language plpgsql as $$
begin
  execute case tg_argv[0]
    when 'leads' then analytics_lead_facts_sql(analytics_signed_rows(tg_op))
    when 'lead_stages' then analytics_stage_facts_sql(analytics_signed_rows(tg_op))
    when 'call_logs' then analytics_call_facts_sql(analytics_signed_rows(tg_op))
    when 'activities' then analytics_activity_facts_sql(analytics_signed_rows(tg_op))
    when 'tasks' then analytics_task_facts_sql(analytics_signed_rows(tg_op))
    when 'communications' then analytics_message_facts_sql(analytics_signed_rows(tg_op)) end;
  return null;
end
$$;

-- A stage remembers the status it was entered from (the transition matrix), so that its facts never depend on
-- another row that a statement might be deleting beside it.
alter table lead_stages add column from_status_id uuid;
update lead_stages s set from_status_id = p.previous
  from (select organization_id, id,
               lag(status_id) over (partition by organization_id, lead_id order by entered_at, id) as previous
        from lead_stages) p
  where p.organization_id = s.organization_id and p.id = s.id and p.previous is not null;

create or replace function remember_previous_stage() returns trigger
language plpgsql as $$
begin
  if new.from_status_id is null then
    select p.status_id into new.from_status_id from lead_stages p
    where p.organization_id = new.organization_id and p.lead_id = new.lead_id and p.entered_at <= new.entered_at
      and p.id <> new.id
    order by p.entered_at desc, p.id desc limit 1;
  end if;
  return new;
end
$$;
create trigger lead_stages_previous_on_insert before insert on lead_stages
  for each row execute function remember_previous_stage();

do $$
declare
  tbl text;
begin
  foreach tbl in array array['leads', 'lead_stages', 'call_logs', 'activities', 'tasks', 'communications'] loop
    execute format('create trigger %1$s_facts_on_insert after insert on %1$s referencing new table as changed_after '
                   'for each statement execute function append_analytics_facts(%1$L)', tbl);
    execute format('create trigger %1$s_facts_on_update after update on %1$s '
                   'referencing old table as changed_before new table as changed_after '
                   'for each statement execute function append_analytics_facts(%1$L)', tbl);
    execute format('create trigger %1$s_facts_on_delete after delete on %1$s referencing old table as changed_before '
                   'for each statement execute function append_analytics_facts(%1$L)', tbl);
  end loop;
end
$$;

-- The facts of what is already there.
do $$
declare
  everything text := '(select s.*, 1 as sign, o.time_zone as zone from %s s join organizations o on o.id = s.organization_id)';
begin
  execute analytics_lead_facts_sql(format(everything, 'leads'));
  execute analytics_stage_facts_sql(format(everything, 'lead_stages'));
  execute analytics_call_facts_sql(format(everything, 'call_logs'));
  execute analytics_activity_facts_sql(format(everything, 'activities'));
  execute analytics_task_facts_sql(format(everything, 'tasks'));
  execute analytics_message_facts_sql(format(everything, 'communications'));
end
$$;

-- Folds the facts of the days that rows appended after `after_seq` touched into one row per group; answers the
-- highest sequence number folded. Rows appended meanwhile by others are not visible to the delete and stay.
create or replace function fold_analytics_facts(org uuid, after_seq bigint) returns bigint
language plpgsql as $$
declare
  last_seq bigint;
begin
  select max(seq) into last_seq from analytics_facts where organization_id = org and seq > after_seq;
  if last_seq is null then
    return after_seq;
  end if;
  with touched as (
    select distinct metric, day from analytics_facts where organization_id = org and seq > after_seq and seq <= last_seq
  ), gone as (
    delete from analytics_facts f using touched t
    where f.organization_id = org and f.metric = t.metric and f.day = t.day and f.seq <= last_seq
    returning f.*
  )
  insert into analytics_facts (organization_id, day, metric, branch_id, owner_id, user_id, platform, source, status_id,
                               from_status_id, kind, detail, n, total, met)
  select organization_id, day, metric, branch_id, owner_id, user_id, platform, source, status_id, from_status_id,
         kind, detail, sum(n), sum(total), sum(met)
  from gone
  group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
  having sum(n) <> 0 or sum(total) <> 0 or sum(met) <> 0;
  return last_seq;
end
$$;

-- 2. lead_responses: speed to lead. Each live lead's creation, latest assignment and first response (the first
--    outgoing call synced from a phone, or the first message sent to the student), in the lead's scope now.
create table lead_responses (
  organization_id  uuid not null,
  lead_id          uuid not null,
  created_at       timestamptz not null,
  assigned_at      timestamptz,
  branch_id        uuid,
  owner_id         uuid,
  platform         text not null,
  source           text,
  deleted          boolean not null default false,
  responded_at     timestamptz,
  response_channel text,
  response_seconds bigint generated always as
                     (greatest(0, floor(extract(epoch from responded_at - created_at)))::bigint) stored,
  primary key (organization_id, lead_id),
  foreign key (organization_id, lead_id) references leads (organization_id, id) on delete cascade
);
create index lead_responses_created_idx on lead_responses (organization_id, created_at)
  include (owner_id, branch_id, source, platform, response_seconds) where not deleted;
create index lead_responses_waiting_idx on lead_responses (organization_id, created_at)
  include (owner_id, branch_id) where responded_at is null and not deleted;
call enable_tenant_isolation('lead_responses');

create or replace function copy_lead_responses() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into lead_responses (organization_id, lead_id, created_at, assigned_at, branch_id, owner_id, platform,
                                source, deleted)
    select organization_id, id, created_at, assigned_at, branch_id, assigned_to, platform, source,
           deleted_at is not null
    from changed_after;
  else
    update lead_responses r
    set created_at = l.created_at, assigned_at = l.assigned_at, branch_id = l.branch_id, owner_id = l.assigned_to,
        platform = l.platform, source = l.source, deleted = l.deleted_at is not null
    from changed_after l
    where r.organization_id = l.organization_id and r.lead_id = l.id
      and (r.created_at, r.assigned_at, r.branch_id, r.owner_id, r.platform, r.source, r.deleted)
          is distinct from (l.created_at, l.assigned_at, l.branch_id, l.assigned_to, l.platform, l.source,
                            l.deleted_at is not null);
  end if;
  return null;
end
$$;
create trigger leads_responses_on_insert after insert on leads
  referencing new table as changed_after for each statement execute function copy_lead_responses();
create trigger leads_responses_on_update after update on leads
  referencing new table as changed_after for each statement execute function copy_lead_responses();

-- The earliest response among a statement's outgoing calls or sent messages, when earlier than the one known.
create or replace function record_first_responses() returns trigger
language plpgsql as $$
begin
  if tg_argv[0] = 'call_logs' then
    update lead_responses r set responded_at = c.first_at, response_channel = 'call'
    from (select organization_id, lead_id, min(called_at) as first_at from changed_after
          where lead_id is not null and call_type = 'outgoing' group by 1, 2) c
    where r.organization_id = c.organization_id and r.lead_id = c.lead_id
      and (r.responded_at is null or r.responded_at > c.first_at);
  else
    update lead_responses r set responded_at = m.first_at, response_channel = m.channel
    from (select distinct on (organization_id, lead_id) organization_id, lead_id,
                 coalesce(sent_at, created_at) as first_at, type as channel
          from changed_after
          where lead_id is not null and direction = 'outbound'
            and (status in ('sent', 'delivered', 'read') or status = 'logged' and type <> 'call')
          order by organization_id, lead_id, coalesce(sent_at, created_at)) m
    where r.organization_id = m.organization_id and r.lead_id = m.lead_id
      and (r.responded_at is null or r.responded_at > m.first_at);
  end if;
  return null;
end
$$;
create trigger call_logs_responses_on_insert after insert on call_logs
  referencing new table as changed_after for each statement execute function record_first_responses('call_logs');
create trigger call_logs_responses_on_update after update on call_logs
  referencing new table as changed_after for each statement execute function record_first_responses('call_logs');
create trigger communications_responses_on_insert after insert on communications
  referencing new table as changed_after for each statement execute function record_first_responses('communications');
create trigger communications_responses_on_update after update on communications
  referencing new table as changed_after for each statement execute function record_first_responses('communications');

insert into lead_responses (organization_id, lead_id, created_at, assigned_at, branch_id, owner_id, platform, source,
                            deleted, responded_at, response_channel)
select l.organization_id, l.id, l.created_at, l.assigned_at, l.branch_id, l.assigned_to, l.platform, l.source,
       l.deleted_at is not null, f.first_at, f.channel
from leads l
left join lateral (
  select first_at, channel from (
    (select c.called_at as first_at, 'call' as channel from call_logs c
     where c.organization_id = l.organization_id and c.lead_id = l.id and c.call_type = 'outgoing'
     order by c.called_at limit 1)
    union all
    (select coalesce(m.sent_at, m.created_at), m.type from communications m
     where m.organization_id = l.organization_id and m.lead_id = l.id and m.direction = 'outbound'
       and (m.status in ('sent', 'delivered', 'read') or m.status = 'logged' and m.type <> 'call')
     order by coalesce(m.sent_at, m.created_at) limit 1)
  ) x order by first_at limit 1
) f on true;
