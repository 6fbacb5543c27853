-- A lead carries the SLA deadline of its open stage, beside the moment it entered that stage (V21), so that "leads
-- past their SLA now" is one range of an index on leads within the caller's scope, instead of every open stage
-- joined to its lead (seconds at a million leads, where most open stages are long past their deadline).
alter table leads add column status_sla_due_at timestamptz;

-- Filled without the leads' statement triggers: the column is new, no tally, fact or search entry depends on it.
alter table leads disable trigger user;
update leads l set status_sla_due_at = s.sla_due_at
  from lead_stages s
  where s.organization_id = l.organization_id and s.lead_id = l.id and s.exited_at is null
    and s.sla_due_at is not null;
alter table leads enable trigger user;

create index leads_status_sla_idx on leads (organization_id, status_sla_due_at)
  include (branch_id, assigned_to, status_id)
  where deleted_at is null and status_sla_due_at is not null;

-- The open stage's start and deadline, copied to its lead when the stage opens or its deadline moves.
create or replace function copy_open_stage_entry() returns trigger
language plpgsql as $$
begin
  update leads set status_entered_at = new.entered_at, status_sla_due_at = new.sla_due_at
  where organization_id = new.organization_id and id = new.lead_id
    and (status_entered_at, status_sla_due_at) is distinct from (new.entered_at, new.sla_due_at);
  return null;
end
$$;
drop trigger lead_stages_entry_on_update on lead_stages;
create trigger lead_stages_entry_on_update after update of entered_at, sla_due_at, exited_at on lead_stages
  for each row when (new.exited_at is null
                     and (old.entered_at, old.sla_due_at, old.exited_at)
                         is distinct from (new.entered_at, new.sla_due_at, new.exited_at))
  execute function copy_open_stage_entry();

-- A stage only closes as another opens (a status change), or as its lead is merged into another and deleted, so
-- the deadline copied from the open stage is never left behind on a live lead.
