-- Notifications to staff: the in-app notifications each user reads in the console's bell and the app, the user's
-- preferences (which kinds arrive in the app, by push and by email; quiet hours), the deliveries of pushes and
-- emails (an outbox written in the transaction of the notification, sent by a job with retries, then dead), and
-- how far the time-driven triggers (tasks due, overdue, stage deadlines, the daily digest) have looked.

insert into permissions (code, category, description) values
  ('notifications:send', 'notifications', 'Send notifications to users, a role, a branch or everyone');
-- administrators hold every permission: the existing organizations' admin roles take the new one too
insert into role_permissions (organization_id, role_id, permission)
select r.organization_id, r.id, 'notifications:send' from roles r where r.code = 'admin' and r.system
on conflict do nothing;

create table notifications (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  user_id         uuid not null,
  kind            text not null check (kind ~ '^[a-z][a-z_]{0,49}$'),
  title           text not null check (length(title) between 1 and 200),
  body            text check (length(body) <= 4000),
  priority        text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  action_url      text check (length(action_url) <= 2000),
  entity_type     text check (entity_type ~ '^[a-z][a-z_]{0,49}$'),
  entity_id       uuid,
  -- what caused it (a lead's assignment, a task becoming due, a day's digest...): one notification per cause per
  -- user, however often the cause is seen (retries, several servers)
  cause_key       text not null check (length(cause_key) <= 300),
  created_by      uuid,
  read_at         timestamptz,
  expires_at      timestamptz,
  created_at      timestamptz not null default now(),
  primary key (organization_id, id),
  unique (organization_id, user_id, cause_key),
  foreign key (organization_id, user_id) references users (organization_id, id) on delete cascade
);
call enable_tenant_isolation('notifications');
create index notifications_user_idx on notifications (organization_id, user_id, created_at desc, id desc);
create index notifications_user_unread_idx on notifications (organization_id, user_id, created_at desc, id desc)
  where read_at is null;

-- A user's choice per kind; a kind without a row takes the defaults of the application.
create table notification_preferences (
  organization_id uuid not null,
  user_id         uuid not null,
  kind            text not null check (kind ~ '^[a-z][a-z_]{0,49}$'),
  in_app          boolean not null default true,
  push            boolean not null default true,
  email           boolean not null default false,
  updated_at      timestamptz not null default now(),
  primary key (organization_id, user_id, kind),
  foreign key (organization_id, user_id) references users (organization_id, id) on delete cascade
);
call enable_tenant_isolation('notification_preferences');

-- A user's quiet hours, read in the user's time zone (the profile's, else the organization's): pushes and emails
-- wait until they end; in-app notifications are stored at once. start = end means none.
create table notification_quiet_hours (
  organization_id uuid not null,
  user_id         uuid not null,
  quiet_start     time not null,
  quiet_end       time not null,
  updated_at      timestamptz not null default now(),
  primary key (organization_id, user_id),
  foreign key (organization_id, user_id) references users (organization_id, id) on delete cascade
);
call enable_tenant_isolation('notification_quiet_hours');

create table notification_deliveries (
  organization_id uuid not null,
  id              uuid not null default uuid_v7(),
  notification_id uuid not null,
  user_id         uuid not null,
  channel         text not null check (channel in ('push', 'email')),
  -- pending: waiting for its time (quiet hours) or its first attempt; failed: another attempt is planned;
  -- sent: the provider took it; recorded: no provider is configured, what would be sent is kept in payload;
  -- skipped: nothing to send to (no device, no address); dead: no attempt is left
  status          text not null default 'pending'
                  check (status in ('pending', 'failed', 'sent', 'recorded', 'skipped', 'dead')),
  attempts        int not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  last_error      text,
  payload         text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, notification_id) references notifications (organization_id, id) on delete cascade
);
call enable_tenant_isolation('notification_deliveries');
create index notification_deliveries_due_idx on notification_deliveries (organization_id, next_attempt_at)
  where status in ('pending', 'failed');
create index notification_deliveries_recent_idx on notification_deliveries (organization_id, created_at desc, id desc);
create index notification_deliveries_notification_idx on notification_deliveries (organization_id, notification_id);

-- How far each time-driven trigger has looked, per organization (tasks due up to..., the digest of which day...).
create table notification_marks (
  organization_id uuid not null references organizations (id) on delete cascade,
  name            text not null check (name ~ '^[a-z][a-z_]{0,49}$'),
  done_until      timestamptz not null,
  updated_at      timestamptz not null default now(),
  primary key (organization_id, name)
);
call enable_tenant_isolation('notification_marks');

-- The time-driven triggers read open tasks by due time and open stages by deadline, a short range each run.
create index tasks_open_due_idx on tasks (organization_id, due_at) where status = 'open' and due_at is not null;
create index lead_stages_open_sla_idx on lead_stages (organization_id, sla_due_at)
  where exited_at is null and sla_due_at is not null;

-- Which organizations have deliveries to send, and from when, for the sending job that works across
-- organizations (as for the outgoing webhooks): kept by a trigger, read through notification_due_organizations().
create schema if not exists private;
revoke all on schema private from public;

create table private.notification_due (
  organization_id uuid primary key references organizations (id) on delete cascade,
  due_at          timestamptz not null
);
create index notification_due_at_idx on private.notification_due (due_at);

create or replace function private.note_notification_deliveries_due() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, private as $$
begin
  insert into private.notification_due (organization_id, due_at)
  select organization_id, min(next_attempt_at) from changed_after
  where status in ('pending', 'failed') and next_attempt_at is not null
  group by organization_id
  on conflict (organization_id) do update set due_at = least(private.notification_due.due_at, excluded.due_at);
  return null;
end
$$;

create trigger notification_deliveries_due_on_insert after insert on notification_deliveries
  referencing new table as changed_after for each statement
  execute function private.note_notification_deliveries_due();
create trigger notification_deliveries_due_on_update after update on notification_deliveries
  referencing new table as changed_after for each statement
  execute function private.note_notification_deliveries_due();

create or replace function notification_due_organizations(at timestamptz, cap int) returns setof uuid
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select organization_id from private.notification_due where due_at <= at order by due_at limit cap
$$;
revoke all on function notification_due_organizations(timestamptz, int) from public;

create or replace function notification_delivery_reschedule() returns void
language plpgsql volatile security definer set search_path = pg_catalog, public, private as $$
declare
  tenant uuid := app_current_organization();
  next_due timestamptz;
begin
  if tenant is null then
    return;
  end if;
  perform 1 from private.notification_due where organization_id = tenant for update;
  select min(next_attempt_at) into next_due from notification_deliveries
  where organization_id = tenant and status in ('pending', 'failed');
  if next_due is null then
    delete from private.notification_due where organization_id = tenant;
  else
    insert into private.notification_due (organization_id, due_at) values (tenant, next_due)
    on conflict (organization_id) do update set due_at = excluded.due_at;
  end if;
end
$$;
revoke all on function notification_delivery_reschedule() from public;
