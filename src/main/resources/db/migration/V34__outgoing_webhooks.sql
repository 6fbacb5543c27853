-- Outgoing webhooks: the organization's endpoints (URL, events, sealed signing secret, health) and the delivery
-- of each event to each endpoint, written in the transaction of the change that caused it (outbox) and sent by a
-- job following the Standard Webhooks specification.

create table webhook_endpoints (
  organization_id      uuid not null references organizations (id) on delete cascade,
  id                   uuid not null default uuid_v7(),
  url                  text not null check (length(url) <= 2000),
  description          text check (length(description) <= 500),
  events               text[] not null,
  active               boolean not null default true,
  -- the signing secret (whsec_...), sealed with AES-GCM by the application
  secret               text not null,
  disabled_reason      text,
  disabled_at          timestamptz,
  -- the health: failed attempts in a row since the last success, and when the first of them was
  consecutive_failures int not null default 0 check (consecutive_failures >= 0),
  failing_since        timestamptz,
  last_success_at      timestamptz,
  last_failure_at      timestamptz,
  created_by           uuid,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (organization_id, id)
);
call enable_tenant_isolation('webhook_endpoints');
create index webhook_endpoints_newest_idx on webhook_endpoints (organization_id, created_at desc, id desc);
-- every server keeps the organization's subscribed endpoints, read by every change that may cause a delivery
create trigger announce_change after insert or delete or update of active, events on webhook_endpoints
  for each row execute function app_announce_change('organization_id');

create table webhook_deliveries (
  organization_id  uuid not null,
  id               uuid not null default uuid_v7(),
  endpoint_id      uuid not null,
  event_type       text not null check (event_type ~ '^[a-z][a-z_]*\.[a-z_]+$'),
  -- the exact bytes signed and sent
  payload          text not null,
  -- pending: not tried yet or replayed; failed: the last attempt failed and another is planned;
  -- succeeded; dead: no attempt is left (the retry window ended, or the endpoint was inactive)
  status           text not null default 'pending' check (status in ('pending', 'failed', 'succeeded', 'dead')),
  attempts         int not null default 0 check (attempts >= 0),
  next_attempt_at  timestamptz,
  last_attempt_at  timestamptz,
  last_status_code int,
  last_error       text,
  last_response    text,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, endpoint_id) references webhook_endpoints (organization_id, id) on delete cascade
);
call enable_tenant_isolation('webhook_deliveries');
create index webhook_deliveries_endpoint_idx
  on webhook_deliveries (organization_id, endpoint_id, created_at desc, id desc);
create index webhook_deliveries_due_idx on webhook_deliveries (organization_id, next_attempt_at)
  where status in ('pending', 'failed');

-- Which organizations have deliveries to send, and from when, for the sending job that works across
-- organizations: a schema the application role cannot read, kept by a trigger on the deliveries and read only
-- through webhook_due_organizations(); webhook_delivery_reschedule() sets an organization's next time exactly.
create schema if not exists private;
revoke all on schema private from public;

create table private.webhook_due (
  organization_id uuid primary key references organizations (id) on delete cascade,
  due_at          timestamptz not null
);
create index webhook_due_at_idx on private.webhook_due (due_at);

create or replace function private.note_webhook_deliveries_due() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, private as $$
begin
  insert into private.webhook_due (organization_id, due_at)
  select organization_id, min(next_attempt_at) from changed_after
  where status in ('pending', 'failed') and next_attempt_at is not null
  group by organization_id
  on conflict (organization_id) do update set due_at = least(private.webhook_due.due_at, excluded.due_at);
  return null;
end
$$;

create trigger webhook_deliveries_due_on_insert after insert on webhook_deliveries
  referencing new table as changed_after for each statement execute function private.note_webhook_deliveries_due();
create trigger webhook_deliveries_due_on_update after update on webhook_deliveries
  referencing new table as changed_after for each statement execute function private.note_webhook_deliveries_due();

-- Organizations with a delivery due by `at`, the longest waiting first; at most `cap`.
create or replace function webhook_due_organizations(at timestamptz, cap int) returns setof uuid
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select organization_id from private.webhook_due where due_at <= at order by due_at limit cap
$$;
revoke all on function webhook_due_organizations(timestamptz, int) from public;

-- Sets the current organization's next due time from its deliveries (after a sending pass). The row is locked
-- first, so a delivery written meanwhile is seen by the statement that reads the deliveries (each statement of
-- this function reads what was committed when it started).
create or replace function webhook_delivery_reschedule() returns void
language plpgsql volatile security definer set search_path = pg_catalog, public, private as $$
declare
  tenant uuid := app_current_organization();
  next_due timestamptz;
begin
  if tenant is null then
    return;
  end if;
  perform 1 from private.webhook_due where organization_id = tenant for update;
  select min(next_attempt_at) into next_due from webhook_deliveries
  where organization_id = tenant and status in ('pending', 'failed');
  if next_due is null then
    delete from private.webhook_due where organization_id = tenant;
  else
    insert into private.webhook_due (organization_id, due_at) values (tenant, next_due)
    on conflict (organization_id) do update set due_at = excluded.due_at;
  end if;
end
$$;
revoke all on function webhook_delivery_reschedule() from public;
