-- Scheduling a report mails the owner's data, again and again and on its own, to addresses of their choosing: it has
-- its own permission beside exporting. Roles that could schedule (they held reports:export) keep doing so.
insert into permissions (code, category, description) values
  ('reports:schedule', 'reports', 'Schedule reports mailed to recipients');

insert into role_permissions (organization_id, role_id, permission)
select organization_id, role_id, 'reports:schedule' from role_permissions where permission = 'reports:export'
union all
select r.organization_id, r.id, 'reports:schedule' from roles r where r.code = 'admin' and r.system
on conflict do nothing;

-- Counselors build and export reports over their own leads and work (a report runs within its caller's scope);
-- scheduling stays with managers and administrators.
insert into role_permissions (organization_id, role_id, permission)
select r.organization_id, r.id, p.code
from roles r cross join (values ('reports:read'), ('reports:export')) p (code)
where r.code = 'counselor' and r.system
on conflict do nothing;

-- Stored report files past their expiry, of every organization, for the job that deletes them (it then works inside
-- each run's organization, where row-level security holds again). A purged run keeps its row in the history, without
-- its file.
create index report_runs_file_expiry_idx on report_runs (expires_at) where file_key is not null;

create or replace function report_files_expired(at timestamptz, cap int)
returns table (organization_id uuid, id uuid)
language sql stable security definer set search_path = pg_catalog, public as $$
  select r.organization_id, r.id from report_runs r
  where r.file_key is not null and r.expires_at <= at order by r.expires_at limit cap
$$;
revoke all on function report_files_expired(timestamptz, int) from public;
