-- The communications hub: every message sent or received on a channel (email, SMS, WhatsApp) and every call,
-- meeting, letter or chat a user logs by hand, one row each; the outbox of outbound messages to hand to a provider
-- (one delivery per message, written in the transaction that queues it, sent by a job with retries, backoff and
-- dead letters); what the recording adapters would have sent (the embedded default); and each address's consent
-- per channel (opt-out and opt-in with time and source).

create table communications (
  organization_id     uuid not null references organizations (id) on delete cascade,
  id                  uuid not null default uuid_v7(),
  lead_id             uuid,
  user_id             uuid,
  type                text not null check (type in ('email', 'sms', 'whatsapp', 'call', 'meeting', 'letter', 'chat')),
  direction           text not null check (direction in ('outbound', 'inbound')),
  -- queued -> sent -> delivered -> read (forward only), failed from any; received for inbound messages; logged for
  -- what a user records by hand
  status              text not null check (status in ('queued', 'sent', 'delivered', 'read', 'failed', 'received',
                                                      'logged')),
  subject             text check (length(subject) <= 1000),
  body                text,
  html                text,
  to_address          text check (length(to_address) <= 320),
  from_address        text check (length(from_address) <= 320),
  provider_message_id text check (length(provider_message_id) <= 500),
  -- the campaign that sent it (campaigns are their own table; no foreign key so either can be purged alone)
  campaign_id         uuid,
  template_id         uuid,
  -- email threading: our Message-ID for what we send, the sender's for what we receive, and what it answered
  email_message_id    text check (length(email_message_id) <= 1000),
  in_reply_to         text check (length(in_reply_to) <= 1000),
  attachments         jsonb not null default '[]'::jsonb,
  error               text,
  sent_at             timestamptz,
  delivered_at        timestamptz,
  read_at             timestamptz,
  failed_at           timestamptz,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (organization_id, id)
);
call enable_tenant_isolation('communications');
-- the organization's list, newest first, and each filter of GET /communications
create index communications_newest_idx on communications (organization_id, created_at desc, id desc);
create index communications_lead_idx on communications (organization_id, lead_id, created_at desc, id desc)
  where lead_id is not null;
create index communications_user_idx on communications (organization_id, user_id, created_at desc, id desc)
  where user_id is not null;
create index communications_type_idx on communications (organization_id, type, created_at desc, id desc);
create index communications_status_idx on communications (organization_id, status, created_at desc, id desc);
create index communications_direction_idx on communications (organization_id, direction, created_at desc, id desc);
create index communications_campaign_idx on communications (organization_id, campaign_id, created_at desc, id desc)
  where campaign_id is not null;
-- provider callbacks find their message by the provider's id; inbound messages collapse on it
create unique index communications_provider_id_idx on communications (organization_id, type, provider_message_id)
  where provider_message_id is not null;
-- an email reply finds the message it answers by our Message-ID
create index communications_email_message_idx on communications (organization_id, email_message_id)
  where email_message_id is not null;
-- an inbound email without a known In-Reply-To finds the lead by earlier messages to that address
create index communications_address_idx on communications (organization_id, type, lower(to_address), created_at desc)
  where direction = 'outbound' and lead_id is not null;

-- The outbox: one row per outbound message to hand to a provider. pending: not tried yet (or replayed);
-- sending: claimed by a sender until next_attempt_at (a lease: a crashed sender's claim expires and the message
-- is sent again with the same reference, its id); failed: the last attempt failed and another is planned at
-- next_attempt_at; sent: the provider took it; dead: no attempt is left or the provider refused it for good.
create table message_deliveries (
  organization_id     uuid not null,
  id                  uuid not null default uuid_v7(),
  communication_id    uuid not null,
  channel             text not null check (channel in ('email', 'sms', 'whatsapp')),
  status              text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed',
                                                                        'dead')),
  attempts            int not null default 0 check (attempts >= 0),
  next_attempt_at     timestamptz,
  claimed_until       timestamptz,
  last_attempt_at     timestamptz,
  last_error          text,
  -- a campaign's or an automation's message (never sent to an opted-out address) rather than a person's own
  bulk                boolean not null default false,
  -- sent as a provider template (WhatsApp template name, SMS DLT template id) with its language and parameters
  provider_template   text,
  provider_template_language text,
  template_parameters jsonb not null default '[]'::jsonb,
  -- which adapter took it: the real provider's name, or 'recording' for the embedded default
  adapter             text,
  provider_message_id text,
  sent_at             timestamptz,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, communication_id) references communications (organization_id, id) on delete cascade
);
call enable_tenant_isolation('message_deliveries');
create index message_deliveries_communication_idx on message_deliveries (organization_id, communication_id);
-- what the sender claims: due deliveries, oldest due first
create index message_deliveries_due_idx on message_deliveries (organization_id, next_attempt_at)
  where status in ('pending', 'sending', 'failed');
-- the admin's list by status
create index message_deliveries_status_idx on message_deliveries (organization_id, status, created_at desc, id desc);
create index message_deliveries_newest_idx on message_deliveries (organization_id, created_at desc, id desc);

-- What the recording adapters (the embedded default, no provider configured) would have sent, for an admin to
-- read: the messages of a demo are never delivered and never silently lost.
create table message_recordings (
  organization_id     uuid not null references organizations (id) on delete cascade,
  id                  uuid not null default uuid_v7(),
  delivery_id         uuid not null,
  communication_id    uuid not null,
  channel             text not null check (channel in ('email', 'sms', 'whatsapp')),
  to_address          text,
  from_address        text,
  subject             text,
  body                text,
  html                text,
  headers             jsonb not null default '{}'::jsonb,
  provider_template   text,
  template_parameters jsonb not null default '[]'::jsonb,
  provider_message_id text not null,
  created_at          timestamptz not null default now(),
  primary key (organization_id, id)
);
call enable_tenant_isolation('message_recordings');
create index message_recordings_newest_idx on message_recordings (organization_id, created_at desc, id desc);
create unique index message_recordings_delivery_idx on message_recordings (organization_id, delivery_id);

-- Consent per channel and address (E.164 phone or lower-case email): opted out or back in, when and how
-- (a STOP reply, an unsubscribe link, an admin, the API).
create table message_consents (
  organization_id uuid not null references organizations (id) on delete cascade,
  channel         text not null check (channel in ('email', 'sms', 'whatsapp')),
  address         text not null check (length(address) <= 320),
  opted_out       boolean not null,
  changed_at      timestamptz not null default now(),
  source          text not null check (length(source) <= 100),
  lead_id         uuid,
  primary key (organization_id, channel, address)
);
call enable_tenant_isolation('message_consents');
create index message_consents_opted_out_idx on message_consents (organization_id, channel, changed_at desc)
  where opted_out;

-- Which organizations have deliveries to send, and from when, for the sending job that works across
-- organizations: a schema the application role cannot read, kept by triggers on the deliveries and read only
-- through message_due_organizations(); message_delivery_reschedule() sets an organization's next time exactly.
create schema if not exists private;
revoke all on schema private from public;

create table private.message_due (
  organization_id uuid primary key references organizations (id) on delete cascade,
  due_at          timestamptz not null
);
create index message_due_at_idx on private.message_due (due_at);

create or replace function private.note_message_deliveries_due() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, private as $$
begin
  insert into private.message_due (organization_id, due_at)
  select organization_id, min(next_attempt_at) from changed_after
  where status in ('pending', 'failed') and next_attempt_at is not null
  group by organization_id
  on conflict (organization_id) do update set due_at = least(private.message_due.due_at, excluded.due_at);
  return null;
end
$$;

create trigger message_deliveries_due_on_insert after insert on message_deliveries
  referencing new table as changed_after for each statement execute function private.note_message_deliveries_due();
create trigger message_deliveries_due_on_update after update on message_deliveries
  referencing new table as changed_after for each statement execute function private.note_message_deliveries_due();

-- Organizations with a delivery due by `at` (a claim whose lease ends counts as due), the longest waiting first.
create or replace function message_due_organizations(at timestamptz, cap int) returns setof uuid
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select organization_id from private.message_due where due_at <= at order by due_at limit cap
$$;
revoke all on function message_due_organizations(timestamptz, int) from public;

-- Sets the current organization's next due time from its deliveries (after a sending pass); claimed deliveries
-- count at the end of their lease. The row is locked first, so a delivery written meanwhile is seen.
create or replace function message_delivery_reschedule() returns void
language plpgsql volatile security definer set search_path = pg_catalog, public, private as $$
declare
  tenant uuid := app_current_organization();
  next_due timestamptz;
begin
  if tenant is null then
    return;
  end if;
  perform 1 from private.message_due where organization_id = tenant for update;
  select min(next_attempt_at) into next_due from message_deliveries
  where organization_id = tenant and status in ('pending', 'sending', 'failed');
  if next_due is null then
    delete from private.message_due where organization_id = tenant;
  else
    insert into private.message_due (organization_id, due_at) values (tenant, next_due)
    on conflict (organization_id) do update set due_at = excluded.due_at;
  end if;
end
$$;
revoke all on function message_delivery_reschedule() from public;

-- The inbound-mail webhook finds its organization by the token in its URL (kept in the email connection's
-- settings): a routing table the application role cannot read, kept by the application through the functions
-- below.
create table private.email_inbound_routes (
  token           text primary key,
  organization_id uuid not null references organizations (id) on delete cascade
);
create unique index email_inbound_routes_org_idx on private.email_inbound_routes (organization_id);

create or replace function email_inbound_organization(key text) returns uuid
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select organization_id from private.email_inbound_routes where token = key
$$;
revoke all on function email_inbound_organization(text) from public;

-- Sets the current organization's inbound-mail token (replacing any earlier one).
create or replace function email_inbound_route_set(key text) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public, private as $$
declare
  tenant uuid := app_current_organization();
begin
  if tenant is null then
    return;
  end if;
  delete from private.email_inbound_routes where organization_id = tenant;
  insert into private.email_inbound_routes (token, organization_id) values (key, tenant);
end
$$;
revoke all on function email_inbound_route_set(text) from public;

-- The current organization's inbound-mail token, if it has one.
create or replace function email_inbound_token() returns text
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select token from private.email_inbound_routes where organization_id = app_current_organization()
$$;
revoke all on function email_inbound_token() from public;
