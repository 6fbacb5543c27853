-- A folded row keeps the smallest sequence number of the rows it replaces, so the next fold does not take its own
-- output for new rows and fold the same days again on every run (V41 gave folded rows new numbers above the mark).
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
  insert into analytics_facts (organization_id, seq, day, metric, branch_id, owner_id, user_id, platform, source,
                               status_id, from_status_id, kind, detail, n, total, met)
  overriding system value
  select organization_id, min(seq), day, metric, branch_id, owner_id, user_id, platform, source, status_id,
         from_status_id, kind, detail, sum(n), sum(total), sum(met)
  from gone
  group by organization_id, day, metric, branch_id, owner_id, user_id, platform, source, status_id, from_status_id,
           kind, detail
  having sum(n) <> 0 or sum(total) <> 0 or sum(met) <> 0;
  return last_seq;
end
$$;

-- A lead still waiting for its first response has no response time (V41's greatest() made it 0).
alter table lead_responses drop column response_seconds;
alter table lead_responses add column response_seconds bigint generated always as
  (case when responded_at is not null
        then greatest(0, floor(extract(epoch from responded_at - created_at)))::bigint end) stored;
create index lead_responses_created_idx on lead_responses (organization_id, created_at)
  include (owner_id, branch_id, source, platform, response_seconds) where not deleted;
