-- Analytics events: what people do in the console and on the consultancy's website (a page viewed, a form opened,
-- a lead converted), recorded one by one or in batches, from the console with credentials or from a website with
-- the organization's public key.

insert into permissions (code, category, description) values
  ('analytics:track',  'analytics', 'Record analytics events'),
  ('analytics:events', 'analytics', 'Read the organization''s analytics events and their daily counts');
-- administrators hold every permission; every other system role records the events of its own work
insert into role_permissions (organization_id, role_id, permission)
select r.organization_id, r.id, p.code
from roles r cross join (values ('analytics:track'), ('analytics:events')) p (code)
where r.code = 'admin' and r.system
union all
select r.organization_id, r.id, 'analytics:track' from roles r where r.code in ('manager', 'counselor', 'agent') and r.system
on conflict do nothing;

create table analytics_events (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  -- the sender's own id of the event: a repeat of it is the same event, recorded once
  client_event_id text check (length(client_event_id) between 1 and 100),
  event_type      text not null check (event_type ~ '^[a-z][a-z0-9_.:-]{0,63}$'),
  event_name      text check (length(event_name) <= 200),
  entity_type     text check (entity_type ~ '^[a-z][a-z0-9_]{0,49}$'),
  entity_id       text check (length(entity_id) between 1 and 200),
  properties      jsonb not null default '{}' check (jsonb_typeof(properties) = 'object'),
  session_id      text check (length(session_id) between 1 and 100),
  user_id         uuid,
  visitor_id      text check (length(visitor_id) between 1 and 100),
  channel         text not null check (channel in ('console', 'website')),
  user_agent      text check (length(user_agent) <= 500),
  occurred_at     timestamptz not null,
  received_at     timestamptz not null default now(),
  primary key (organization_id, id),
  check (user_id is not null or visitor_id is not null),
  check ((entity_type is null) = (entity_id is null))
);
create unique index analytics_events_client_id_idx on analytics_events (organization_id, client_event_id)
  where client_event_id is not null;
-- every list filter walks one index newest first within the organization, so a page reads about its own rows
create index analytics_events_time_idx on analytics_events (organization_id, occurred_at desc, id desc);
create index analytics_events_type_idx on analytics_events (organization_id, event_type, occurred_at desc, id desc);
create index analytics_events_entity_idx
  on analytics_events (organization_id, entity_type, entity_id, occurred_at desc, id desc) where entity_id is not null;
create index analytics_events_user_idx
  on analytics_events (organization_id, user_id, occurred_at desc, id desc) where user_id is not null;
create index analytics_events_visitor_idx
  on analytics_events (organization_id, visitor_id, occurred_at desc, id desc) where visitor_id is not null;
create index analytics_events_session_idx
  on analytics_events (organization_id, session_id, occurred_at desc, id desc) where session_id is not null;
call enable_tenant_isolation('analytics_events');

-- Events per organization-local day and type, kept by the statement that records them: a day's counts are a few
-- rows whatever the number of events. Batches upsert their groups in key order, so two batches never deadlock.
create table analytics_event_counts (
  organization_id uuid not null references organizations (id) on delete cascade,
  day             date not null,
  event_type      text not null,
  n               bigint not null,
  primary key (organization_id, day, event_type)
);
call enable_tenant_isolation('analytics_event_counts');

create or replace function count_analytics_events() returns trigger
language plpgsql as $$
begin
  insert into analytics_event_counts (organization_id, day, event_type, n)
  select e.organization_id, analytics_day(e.occurred_at, o.time_zone), e.event_type, count(*)
  from recorded e join organizations o on o.id = e.organization_id
  group by 1, 2, 3
  order by 1, 2, 3
  on conflict (organization_id, day, event_type) do update set n = analytics_event_counts.n + excluded.n;
  return null;
end
$$;
create trigger analytics_events_counted after insert on analytics_events
  referencing new table as recorded for each statement execute function count_analytics_events();

-- The organization's public key for events sent from its website, and the origins allowed to send them. The key
-- is public by design (it is in the website's pages); it only lets a browser on an allowed origin record events.
create table analytics_public_keys (
  organization_id uuid not null references organizations (id) on delete cascade,
  public_key      text not null check (public_key ~ '^[A-Za-z0-9_-]{20,64}$'),
  allowed_origins text[] not null default '{}',
  per_ip_per_minute integer not null default 120 check (per_ip_per_minute between 1 and 100000),
  created_by      uuid,
  created_at      timestamptz not null default now(),
  rotated_at      timestamptz not null default now(),
  primary key (organization_id)
);
call enable_tenant_isolation('analytics_public_keys');

-- A website's request carries only the key and no tenant: its organization is found in a routing table the
-- application role cannot read, answered one key at a time (as web_form_route does for forms).
create table private.analytics_key_routes (
  public_key      text primary key,
  organization_id uuid not null
);

create or replace function private.write_analytics_key_routes() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, private as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from private.analytics_key_routes where public_key = old.public_key;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into private.analytics_key_routes (public_key, organization_id) values (new.public_key, new.organization_id);
  end if;
  return null;
end
$$;
create trigger analytics_public_keys_routes after insert or update of public_key or delete on analytics_public_keys
  for each row execute function private.write_analytics_key_routes();

create or replace function analytics_key_route(key text) returns uuid
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select r.organization_id from private.analytics_key_routes r where r.public_key = key
$$;
revoke all on function analytics_key_route(text) from public;
