-- The dashboard is cached under a version of the organization's data, read cheaply on every request, so that every
-- node answers the same and a change shows at once. The facts' highest sequence number (V41) moves with every change
-- of leads, stages, calls, activities, tasks and communications; this counter moves with what the dashboard shows
-- beside them: the pipeline's statuses (names, colours, order), the users (names of top performers) and branches.
create table analytics_versions (
  organization_id uuid not null references organizations (id) on delete cascade,
  version         bigint not null,
  primary key (organization_id)
);
call enable_tenant_isolation('analytics_versions');

create or replace function bump_analytics_version() returns trigger
language plpgsql as $$
begin
  insert into analytics_versions as v (organization_id, version)
  values (coalesce(new.organization_id, old.organization_id), 1)
  on conflict (organization_id) do update set version = v.version + 1;
  return null;
end
$$;

create trigger lead_statuses_analytics_version after insert or update or delete on lead_statuses
  for each row execute function bump_analytics_version();
create trigger branches_analytics_version after insert or update or delete on branches
  for each row execute function bump_analytics_version();
create trigger users_analytics_version after insert or delete on users
  for each row execute function bump_analytics_version();
create trigger users_renamed_analytics_version after update of first_name, last_name, branch_id, active, deleted_at
  on users for each row execute function bump_analytics_version();
