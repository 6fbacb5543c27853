-- Every server keeps caches of rows many requests read and few change (principals, an organization's pipeline,
-- form and settings). Each table they are made from announces its committed changes on channel crm_changes as
-- 'table:organization' or 'table:organization:user' (tg_argv: the organization's column, then the user's, if
-- any), so every server drops what became stale. NOTIFY is sent at commit and collapses repeats within a
-- transaction, so a statement that touches many rows of one organization sends one announcement.
create function app_announce_change() returns trigger
language plpgsql as $$
declare
  changed jsonb;
begin
  foreach changed in array array[case when tg_op <> 'INSERT' then to_jsonb(old) end,
                                 case when tg_op <> 'DELETE' then to_jsonb(new) end] loop
    if changed is not null then
      perform pg_notify('crm_changes', tg_table_name || ':' || (changed ->> tg_argv[0])
          || case when tg_nargs > 1 then ':' || coalesce(changed ->> tg_argv[1], '') else '' end);
    end if;
  end loop;
  return null;
end
$$;

-- who a request's credentials stand for (the user, the session, the roles and their permissions, API keys)
-- and how other modules name users
create trigger announce_change after insert or delete
  or update of first_name, last_name, email, phone, active, deleted_at, branch_id on users
  for each row execute function app_announce_change('organization_id', 'id');
create trigger announce_change after delete or update of user_id, expires_at, revoked_at on user_sessions
  for each row execute function app_announce_change('organization_id', 'user_id');
create trigger announce_change after insert or update or delete on user_roles
  for each row execute function app_announce_change('organization_id', 'user_id');
create trigger announce_change after insert or update or delete on roles
  for each row execute function app_announce_change('organization_id');
create trigger announce_change after insert or update or delete on role_permissions
  for each row execute function app_announce_change('organization_id');
create trigger announce_change after delete or update of scopes, created_by, expires_at, revoked_at on api_keys
  for each row execute function app_announce_change('organization_id', 'created_by');

-- the organization's configuration
create trigger announce_change after update or delete on organizations
  for each row execute function app_announce_change('id');
create trigger announce_change after insert or update or delete on lead_statuses
  for each row execute function app_announce_change('organization_id');
create trigger announce_change after insert or update or delete on lead_status_transitions
  for each row execute function app_announce_change('organization_id');
create trigger announce_change after insert or update or delete on lead_assignment_settings
  for each row execute function app_announce_change('organization_id');
create trigger announce_change after insert or update or delete on lead_form_fields
  for each row execute function app_announce_change('organization_id');
