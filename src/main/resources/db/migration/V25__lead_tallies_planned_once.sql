-- The tallies' triggers ran their statement through EXECUTE, so every insert, update or delete of leads parsed and
-- planned the tally statement again (a large part of a single lead's creation inside PostgreSQL). Each kind of
-- change now has a function whose body is that same statement (lead_tally_changes_sql stays its one definition),
-- written out once here: PL/pgSQL plans it once per session and keeps the plan.
do $migration$
declare
  change record;
begin
  for change in
    select * from (values
      ('insert', 'select *, 1 as sign from changed_after'),
      ('update', 'select *, 1 as sign from changed_after union all select *, -1 as sign from changed_before'),
      ('delete', 'select *, -1 as sign from changed_before')) as c(kind, source)
  loop
    execute format($f$
      create or replace function append_lead_tallies_on_%s() returns trigger
      language plpgsql as $body$
      begin
        %s;
        return null;
      end
      $body$
    $f$, change.kind, lead_tally_changes_sql(change.source));
  end loop;
end
$migration$;

drop trigger leads_tallies_on_insert on leads;
drop trigger leads_tallies_on_update on leads;
drop trigger leads_tallies_on_delete on leads;
create trigger leads_tallies_on_insert after insert on leads
  referencing new table as changed_after for each statement execute function append_lead_tallies_on_insert();
create trigger leads_tallies_on_update after update on leads
  referencing old table as changed_before new table as changed_after
  for each statement execute function append_lead_tallies_on_update();
create trigger leads_tallies_on_delete after delete on leads
  referencing old table as changed_before for each statement execute function append_lead_tallies_on_delete();
drop function append_lead_tallies();
