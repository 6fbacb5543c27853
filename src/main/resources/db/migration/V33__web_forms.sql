-- Website and portal forms: each organization's forms that take leads from the public web (its own landing pages,
-- Google Ads lead forms, education portals that post JSON), found by an unguessable form key.

create table web_forms (
  organization_id      uuid not null references organizations (id) on delete cascade,
  id                   uuid not null default uuid_v7(),
  form_key             text not null check (form_key ~ '^[A-Za-z0-9_-]{20,64}$'),
  name                 text not null check (length(name) between 1 and 200),
  kind                 text not null check (kind in ('website', 'google_ads', 'portal')),
  -- the fields the embedded form shows: [{name, label, type, required, maps_to, options, placeholder}]
  fields               jsonb not null default '[]'::jsonb,
  -- incoming name (website), Google column id (google_ads) or JSON path (portal) -> lead field or custom_fields.key
  field_mapping        jsonb not null default '{}'::jsonb,
  allowed_origins      text[] not null default '{}',
  honeypot_field       text,
  captcha_provider     text check (captcha_provider in ('turnstile', 'hcaptcha')),
  captcha_site_key     text,
  -- sealed with AES-GCM by the application
  captcha_secret       text,
  google_key           text,
  rate_limit_per_ip    int not null default 10 check (rate_limit_per_ip between 1 and 10000),
  rate_limit_per_form  int not null default 300 check (rate_limit_per_form between 1 and 100000),
  thank_you_url        text,
  thank_you_message    text,
  active               boolean not null default true,
  default_source       text,
  default_branch_id    uuid,
  default_tags         text[] not null default '{}',
  created_by           uuid,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, default_branch_id) references branches (organization_id, id)
    on delete set null (default_branch_id)
);
create index web_forms_by_name_idx on web_forms (organization_id, lower(name), id);
call enable_tenant_isolation('web_forms');

-- What each submission became: the lead it created or matched, or why it was refused. Spam caught by the honeypot
-- is not kept here (only in the integration log).
create table web_form_submissions (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  form_id         uuid not null,
  received_at     timestamptz not null default now(),
  status          text not null check (status in ('accepted', 'refused', 'test')),
  lead_id         uuid,
  lead_created    boolean not null default false,
  matched_by      text,
  error           text,
  fields          jsonb not null default '{}'::jsonb,
  page_url        text,
  origin          text,
  ip_address      text,
  primary key (organization_id, id),
  foreign key (organization_id, form_id) references web_forms (organization_id, id) on delete cascade
);
create index web_form_submissions_newest_idx on web_form_submissions (organization_id, form_id, received_at desc, id desc);
create index web_form_submissions_age_idx on web_form_submissions (received_at);
call enable_tenant_isolation('web_form_submissions');

-- A public submission carries only the form key and no tenant: the key's organization and form are kept in a
-- routing table the application role cannot read, answered one key at a time by web_form_route().
create schema if not exists private;
revoke all on schema private from public;

create table private.web_form_keys (
  form_key        text primary key,
  organization_id uuid not null,
  form_id         uuid not null
);

create or replace function private.write_web_form_keys() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, private as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from private.web_form_keys where form_key = old.form_key;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into private.web_form_keys (form_key, organization_id, form_id)
    values (new.form_key, new.organization_id, new.id);
  end if;
  return null;
end
$$;

create trigger web_forms_keys after insert or update of form_key or delete on web_forms
  for each row execute function private.write_web_form_keys();

create or replace function web_form_route(key text) returns table (organization_id uuid, form_id uuid)
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select k.organization_id, k.form_id from private.web_form_keys k where k.form_key = key
$$;
revoke all on function web_form_route(text) from public;
