-- Lead facts at coarser grains (decision 0006). A lead fact (lead_created, lead_converted, lead_assigned) has seven
-- dimensions: 45 counselors x 9 platforms x 8 sources x 9 statuses x 3 priorities are more groups a day than a
-- consultancy has leads a day, so a day's facts held about one row per lead and summing a range read as many rows
-- as counting the leads. Each lead fact is now also kept at four grains that hold the scope columns (branch and
-- assignee) and at most one dimension more; a reader takes the narrowest grain that has every column it filters or
-- groups by (analytics.facts.FactGrain):
--   0 every column (as before)   1 branch and assignee only   2 ... and status   3 ... and source   4 ... and platform
-- Work facts (calls, activities, stages, tasks, messages) aggregate well at their one grain (0).
alter table analytics_facts add column grain smallint not null default 0;

create index analytics_facts_grain_day_idx on analytics_facts (organization_id, metric, grain, day);
drop index analytics_facts_metric_day_idx;

-- The rows of `facts` at grain 0 and, for the lead metrics, at the coarser grains, summed per group.
create or replace function analytics_fact_changes_sql(facts text) returns text
language sql immutable as $fn$
  select format($sql$
    with f as materialized (%s)
    insert into analytics_facts (organization_id, day, metric, grain, branch_id, owner_id, user_id, platform, source,
                                 status_id, from_status_id, kind, detail, n, total, met)
    select organization_id, day, metric, grain, branch_id, owner_id, user_id, platform, source, status_id,
           from_status_id, kind, detail, sum(n)::bigint, sum(total)::bigint, sum(met)::bigint
    from (
      select organization_id, day, metric, 0 as grain, branch_id, owner_id, user_id, platform, source, status_id,
             from_status_id, kind, detail, n, total, met
      from f
      union all
      select organization_id, day, metric, g.grain, branch_id, owner_id, user_id,
             case when g.grain = 4 then platform end, case when g.grain = 3 then source end,
             case when g.grain = 2 then status_id end, null, null, null, n, total, met
      from f cross join (values (1), (2), (3), (4)) g (grain)
      where metric in ('lead_created', 'lead_converted', 'lead_assigned')
    ) grains
    group by organization_id, day, metric, grain, branch_id, owner_id, user_id, platform, source, status_id,
             from_status_id, kind, detail
    having sum(n) <> 0 or sum(total) <> 0 or sum(met) <> 0
  $sql$, facts)
$fn$;

-- The fold keeps each grain's groups apart, and finds a touched day's rows through the index of grains. Two folds of
-- one organization (the job on two servers, or the job and an operator) wait for each other instead of deleting the
-- same rows in different orders and deadlocking.
create or replace function fold_analytics_facts(org uuid, after_seq bigint) returns bigint
language plpgsql as $$
declare
  last_seq bigint;
begin
  perform pg_advisory_xact_lock(hashtext('fold_analytics_facts'), hashtext(org::text));
  select max(seq) into last_seq from analytics_facts where organization_id = org and seq > after_seq;
  if last_seq is null then
    return after_seq;
  end if;
  with touched as (
    select distinct metric, grain, day from analytics_facts
    where organization_id = org and seq > after_seq and seq <= last_seq
  ), gone as (
    delete from analytics_facts f using touched t
    where f.organization_id = org and f.metric = t.metric and f.grain = t.grain and f.day = t.day
      and f.seq <= last_seq
    returning f.*
  )
  insert into analytics_facts (organization_id, seq, day, metric, grain, branch_id, owner_id, user_id, platform,
                               source, status_id, from_status_id, kind, detail, n, total, met)
  overriding system value
  select organization_id, min(seq), day, metric, grain, branch_id, owner_id, user_id, platform, source, status_id,
         from_status_id, kind, detail, sum(n), sum(total), sum(met)
  from gone
  group by organization_id, day, metric, grain, branch_id, owner_id, user_id, platform, source, status_id,
           from_status_id, kind, detail
  having sum(n) <> 0 or sum(total) <> 0 or sum(met) <> 0;
  return last_seq;
end
$$;

-- The coarser grains of the lead facts already there, summed from their grain-0 rows.
insert into analytics_facts (organization_id, day, metric, grain, branch_id, owner_id, platform, source, status_id,
                             n, total, met)
select organization_id, day, metric, g.grain, branch_id, owner_id,
       case when g.grain = 4 then platform end, case when g.grain = 3 then source end,
       case when g.grain = 2 then status_id end, sum(n), sum(total), sum(met)
from analytics_facts cross join (values (1), (2), (3), (4)) g (grain)
where metric in ('lead_created', 'lead_converted', 'lead_assigned') and analytics_facts.grain = 0
group by organization_id, day, metric, g.grain, branch_id, owner_id, 7, 8, 9
having sum(n) <> 0 or sum(total) <> 0 or sum(met) <> 0;
