-- Lead search and lead counts that stay on indexes under row-level security (decision record 0003).
--
-- PostgreSQL applies a table's policy before any condition of the query that is not leakproof, and never uses such
-- a condition as an index condition: text search (@@), ILIKE/LIKE, trigram matching and array overlap (&&) are not
-- leakproof, so under the tenant policy a name, phone, word or tag search read every lead of the organization.
-- Equality and range comparisons on uuid, text and timestamps are leakproof and keep their indexes.


-- 1. Search entries: the searchable text of each lead, in a schema the application role cannot read.
--    Only lead_search_matches() reads it, for the organization of the current transaction, and answers lead ids;
--    the leads themselves are always read through the tenant policy of `leads`.
create schema if not exists private;
revoke all on schema private from public;

create table private.lead_search_entries (
  organization_id uuid not null,
  lead_id         uuid not null,
  names           text not null,
  phones          text not null,
  words           tsvector not null,
  tags            text[] not null,
  primary key (organization_id, lead_id),
  foreign key (organization_id, lead_id) references leads (organization_id, id) on delete cascade
);
create index lead_search_entries_names_idx on private.lead_search_entries using gin (names gin_trgm_ops);
create index lead_search_entries_phones_idx on private.lead_search_entries using gin (phones gin_trgm_ops);
create index lead_search_entries_words_idx on private.lead_search_entries using gin (words);
create index lead_search_entries_tags_idx on private.lead_search_entries using gin (tags);

create or replace function private.lead_search_entry_names(l leads) returns text
language sql immutable as $$
  select lower(concat_ws(' ', l.first_name, l.last_name, l.student_name, l.parent_name))
$$;

create or replace function private.lead_search_entry_phones(l leads) returns text
language sql immutable as $$
  select concat_ws(' ', regexp_replace(l.phone, '\D', '', 'g'), regexp_replace(l.secondary_phone, '\D', '', 'g'))
$$;

-- Writes the entries of the leads a statement inserted, or of those whose searchable fields it changed.
create or replace function private.write_lead_search_entries() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, private as $$
begin
  if tg_op = 'INSERT' then
    insert into private.lead_search_entries (organization_id, lead_id, names, phones, words, tags)
    select n.organization_id, n.id, private.lead_search_entry_names(n), private.lead_search_entry_phones(n),
           n.search, n.tags
    from changed_after n;
  else
    insert into private.lead_search_entries (organization_id, lead_id, names, phones, words, tags)
    select n.organization_id, n.id, private.lead_search_entry_names(n), private.lead_search_entry_phones(n),
           n.search, n.tags
    from changed_after n
    join changed_before o on o.organization_id = n.organization_id and o.id = n.id
    where (n.search, n.tags, n.first_name, n.last_name, n.student_name, n.parent_name, n.phone, n.secondary_phone)
          is distinct from (o.search, o.tags, o.first_name, o.last_name, o.student_name, o.parent_name, o.phone,
                            o.secondary_phone)
    on conflict (organization_id, lead_id) do update
      set names = excluded.names, phones = excluded.phones, words = excluded.words, tags = excluded.tags;
  end if;
  return null;
end
$$;

create trigger leads_search_entries_on_insert after insert on leads
  referencing new table as changed_after for each statement execute function private.write_lead_search_entries();
create trigger leads_search_entries_on_update after update on leads
  referencing old table as changed_before new table as changed_after
  for each statement execute function private.write_lead_search_entries();

insert into private.lead_search_entries (organization_id, lead_id, names, phones, words, tags)
select l.organization_id, l.id, private.lead_search_entry_names(l), private.lead_search_entry_phones(l), l.search, l.tags
from leads l;

-- The ids of the current organization's leads (deleted ones too) that match: any of the words (prefixes), the
-- name fragment (a LIKE pattern on lower-case names) or the phone digits (a LIKE pattern), and, when given, any of
-- the tags; at most `cap` of them. Null arguments are left out; no tenant set, no rows.
create or replace function lead_search_matches(words tsquery, name_pattern text, digits_pattern text, any_tags text[],
                                               cap int)
returns setof uuid
language plpgsql stable security definer set search_path = pg_catalog, public, private as $$
declare
  tenant uuid := app_current_organization();
  text_match text := concat_ws(' or ',
    case when words is not null then 'words @@ $2' end,
    case when name_pattern is not null then 'names like $3' end,
    case when digits_pattern is not null then 'phones like $4' end);
begin
  if tenant is null then
    return;
  end if;
  return query execute
    'select lead_id from private.lead_search_entries where organization_id = $1'
    || case when text_match <> '' then ' and (' || text_match || ')' else '' end
    || case when any_tags is not null then ' and tags && $5' else '' end
    || ' limit $6'
    using tenant, words, name_pattern, digits_pattern, any_tags, cap;
end
$$;
revoke all on function lead_search_matches(tsquery, text, text, text[], int) from public;

-- These indexes cannot serve the application under the tenant policy; the search entries carry them now.
drop index leads_search_idx;
drop index leads_tags_idx;
drop index leads_name_trgm_idx;
drop index leads_phone_trgm_idx;


-- 2. Tallies: live leads counted per status, branch, assignee and budget currency (and per tag), kept exact by
--    the writes. Every statement that changes leads appends its net change as rows (no row is ever updated by a
--    request, so writers never wait on each other); readers sum the rows of the caller's scope; folding the rows
--    of an organization into one row per group (LeadTallies.fold) keeps the sums short.
alter table leads add column status_entered_at timestamptz not null default now();
update leads l set status_entered_at = s.entered_at
  from lead_stages s
  where s.organization_id = l.organization_id and s.lead_id = l.id and s.exited_at is null
    and l.status_entered_at is distinct from s.entered_at;

create table lead_tallies (
  organization_id   uuid not null,
  status_id         uuid not null,
  branch_id         uuid,
  assigned_to       uuid,
  budget_currency   char(3) not null,
  tag               text,
  leads             bigint not null,
  entered_epoch_sum bigint not null,
  budget_leads      bigint not null,
  budget_sum        numeric not null
);
create index lead_tallies_organization_idx on lead_tallies (organization_id, assigned_to);
call enable_tenant_isolation('lead_tallies');

-- The net change of a statement, per group, as SQL over `source`, a query of leads with a column `sign`:
-- +1 for each live lead after the statement, -1 for each live lead before it.
create or replace function lead_tally_changes_sql(source text) returns text
language sql immutable as $fn$
  select format($sql$
    with per_lead as (
      select s.organization_id, s.status_id, s.branch_id, s.assigned_to, s.budget_currency, s.tags, s.sign,
             floor(extract(epoch from s.status_entered_at))::bigint as entered_epoch,
             case when s.budget_min is not null and s.budget_max is not null then (s.budget_min + s.budget_max) / 2
                  else coalesce(s.budget_max, s.budget_min) end as budget
      from (%s) s
      where s.deleted_at is null
    ),
    changes as (
      select p.organization_id, p.status_id, p.branch_id, p.assigned_to, p.budget_currency, null::text as tag,
             sum(p.sign)::bigint as leads, sum(p.sign * p.entered_epoch)::bigint as entered_epoch_sum,
             sum(case when p.budget is null then 0 else p.sign end)::bigint as budget_leads,
             coalesce(sum(p.sign * p.budget), 0) as budget_sum
      from per_lead p
      group by 1, 2, 3, 4, 5
      union all
      select p.organization_id, p.status_id, p.branch_id, p.assigned_to, p.budget_currency, t.tag,
             sum(p.sign)::bigint, 0, 0, 0
      from per_lead p cross join lateral unnest(p.tags) t(tag)
      group by 1, 2, 3, 4, 5, 6
    )
    insert into lead_tallies (organization_id, status_id, branch_id, assigned_to, budget_currency, tag, leads,
                              entered_epoch_sum, budget_leads, budget_sum)
    select * from changes c
    where c.leads <> 0 or c.entered_epoch_sum <> 0 or c.budget_leads <> 0 or c.budget_sum <> 0
  $sql$, source)
$fn$;

create or replace function append_lead_tallies() returns trigger
language plpgsql as $$
begin
  execute lead_tally_changes_sql(case tg_op
    when 'INSERT' then 'select *, 1 as sign from changed_after'
    when 'DELETE' then 'select *, -1 as sign from changed_before'
    else 'select *, 1 as sign from changed_after union all select *, -1 as sign from changed_before' end);
  return null;
end
$$;

create trigger leads_tallies_on_insert after insert on leads
  referencing new table as changed_after for each statement execute function append_lead_tallies();
create trigger leads_tallies_on_update after update on leads
  referencing old table as changed_before new table as changed_after
  for each statement execute function append_lead_tallies();
create trigger leads_tallies_on_delete after delete on leads
  referencing old table as changed_before for each statement execute function append_lead_tallies();

do $$ begin execute lead_tally_changes_sql('select *, 1 as sign from leads'); end $$;

-- A lead's time in its status is the time since its open stage began. Row by row, so that each stage finds its
-- lead by the primary key whatever the planner knows of a statement's rows.
create or replace function copy_open_stage_entry() returns trigger
language plpgsql as $$
begin
  update leads set status_entered_at = new.entered_at
  where organization_id = new.organization_id and id = new.lead_id
    and status_entered_at is distinct from new.entered_at;
  return null;
end
$$;
create trigger lead_stages_entry_on_insert after insert on lead_stages
  for each row when (new.exited_at is null) execute function copy_open_stage_entry();
create trigger lead_stages_entry_on_update after update of entered_at, exited_at on lead_stages
  for each row when (new.exited_at is null) execute function copy_open_stage_entry();

-- 3. Lists of activities and tasks within an admin's scope skip the few deleted leads instead of joining every live
--    one; the task list walks its order (due date) within the organization.
create index leads_deleted_idx on leads (organization_id, id) where deleted_at is not null;
create index tasks_due_idx on tasks (organization_id, due_at, id);
