-- Meta lead ads (Facebook and Instagram): the pages an organization connected (page tokens sealed by the
-- application), their lead forms with the mapping of each form's questions, Meta's webhook deliveries as they
-- arrived, and per organization one processing record per lead announced.

-- A page an organization connected: its page access token sealed with AES-GCM by the application.
create table meta_pages (
  organization_id  uuid not null references organizations (id) on delete cascade,
  page_id          text not null check (page_id ~ '^[0-9]{1,40}$'),
  name             text not null,
  access_token     text not null,
  subscribed       boolean not null default false,
  status           text not null default 'connected' check (status in ('connected', 'error')),
  connected_by     uuid,
  connected_at     timestamptz not null default now(),
  last_activity_at timestamptz,
  last_error       text,
  last_error_at    timestamptz,
  primary key (organization_id, page_id)
);
call enable_tenant_isolation('meta_pages');

-- A page's lead form: its questions as Meta lists them, and which lead field each question fills (null: the
-- default mapping of Meta's standard questions).
create table meta_forms (
  organization_id uuid not null,
  form_id         text not null check (form_id ~ '^[0-9]{1,40}$'),
  page_id         text not null,
  name            text not null,
  status          text,
  questions       jsonb not null default '[]'::jsonb,
  mapping         jsonb,
  updated_at      timestamptz not null default now(),
  primary key (organization_id, form_id),
  foreign key (organization_id, page_id) references meta_pages (organization_id, page_id) on delete cascade
);
create index meta_forms_page_idx on meta_forms (organization_id, page_id);
call enable_tenant_isolation('meta_forms');

-- Meta's deliveries, raw, as they arrived: the organization is known only once the pages they name are looked
-- up, so this table has none. status: received (not yet routed), processed (its changes handed to their
-- organizations), failed (nothing in it could be routed; reason says why).
create table meta_webhook_deliveries (
  id           uuid primary key default uuid_v7(),
  received_at  timestamptz not null default now(),
  payload      text not null,
  status       text not null default 'received' check (status in ('received', 'processed', 'failed')),
  reason       text,
  processed_at timestamptz
);
create index meta_webhook_deliveries_received_idx on meta_webhook_deliveries (received_at) where status = 'received';
create index meta_webhook_deliveries_age_idx on meta_webhook_deliveries (received_at);

-- One lead announced by Meta to an organization: one row per leadgen id however often Meta sends it.
-- next_attempt_at is when processing is due: set while received or failed with retries left, null when done.
create table meta_lead_changes (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  delivery_id     uuid not null,
  page_id         text not null,
  form_id         text,
  leadgen_id      text not null,
  ad_id           text,
  adgroup_id      text,
  platform        text not null check (platform in ('facebook', 'instagram')),
  lead_created_at timestamptz,
  status          text not null default 'received' check (status in ('received', 'processed', 'failed')),
  reason          text,
  attempts        int not null default 0,
  next_attempt_at timestamptz default now(),
  lead_id         uuid,
  lead_created    boolean,
  received_at     timestamptz not null default now(),
  processed_at    timestamptz,
  primary key (organization_id, id),
  unique (organization_id, leadgen_id)
);
create index meta_lead_changes_due_idx on meta_lead_changes (organization_id, next_attempt_at)
  where next_attempt_at is not null;
create index meta_lead_changes_newest_idx on meta_lead_changes (organization_id, received_at desc, id desc);
create index meta_lead_changes_status_idx on meta_lead_changes (organization_id, status, received_at desc);
call enable_tenant_isolation('meta_lead_changes');

-- Which organization connected a page, for routing deliveries before an organization is known. Kept by a trigger
-- on meta_pages in a schema the application role cannot read; read only through the functions below.
create schema if not exists private;
create table private.meta_page_routes (
  page_id         text primary key,
  organization_id uuid not null references organizations (id) on delete cascade
);

create or replace function private.route_meta_page() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, private as $$
begin
  if tg_op = 'DELETE' then
    delete from private.meta_page_routes where page_id = old.page_id and organization_id = old.organization_id;
    return old;
  end if;
  insert into private.meta_page_routes (page_id, organization_id) values (new.page_id, new.organization_id)
  on conflict (page_id) do nothing;
  return new;
end
$$;
create trigger meta_pages_route after insert or delete on meta_pages
  for each row execute function private.route_meta_page();

-- The organization that connected the page, or null.
create or replace function meta_page_organization(page text) returns uuid
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select organization_id from private.meta_page_routes where page_id = page
$$;

-- The organizations with at least one connected page: those whose lead changes a processing run looks at.
create or replace function meta_connected_organizations() returns setof uuid
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select distinct organization_id from private.meta_page_routes
$$;
revoke all on function meta_page_organization(text) from public;
revoke all on function meta_connected_organizations() from public;
