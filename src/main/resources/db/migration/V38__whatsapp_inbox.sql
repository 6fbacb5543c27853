-- WhatsApp and SMS channels: the WhatsApp numbers an organization connected (and, in a schema the application
-- role cannot read, which organization each number belongs to, for the public webhook), the SMS provider's
-- delivery-report token, provider callbacks stored raw as they arrived, the WhatsApp shared inbox (one
-- conversation per student phone number, its messages, who read how much of it) and the message templates synced
-- from the WhatsApp Business account with their approval status.

-- A WhatsApp Business phone number an organization connected.
create table whatsapp_numbers (
  organization_id uuid not null references organizations (id) on delete cascade,
  phone_number_id text not null check (phone_number_id ~ '^[0-9]{1,40}$'),
  waba_id         text check (waba_id ~ '^[0-9]{1,40}$'),
  verify_token_hash text check (verify_token_hash ~ '^[0-9a-f]{64}$'),
  connected_at    timestamptz not null default now(),
  primary key (organization_id, phone_number_id)
);
call enable_tenant_isolation('whatsapp_numbers');

-- The SMS provider's delivery-report address of an organization: a random token in the path (sealed by the
-- application; its SHA-256 routes the public callback).
create table sms_callback_tokens (
  organization_id uuid not null references organizations (id) on delete cascade,
  provider        text not null default 'msg91' check (provider in ('msg91')),
  token_sealed    text not null,
  token_hash      text not null check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at      timestamptz not null default now(),
  primary key (organization_id, provider)
);
call enable_tenant_isolation('sms_callback_tokens');

create schema if not exists private;
revoke all on schema private from public;

create table private.whatsapp_number_routes (
  phone_number_id   text primary key,
  organization_id   uuid not null references organizations (id) on delete cascade,
  verify_token_hash text
);
create index whatsapp_number_routes_verify_idx on private.whatsapp_number_routes (verify_token_hash);

create table private.sms_callback_routes (
  token_hash      text primary key,
  organization_id uuid not null references organizations (id) on delete cascade
);

create or replace function private.route_whatsapp_number() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, private as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from private.whatsapp_number_routes
      where phone_number_id = old.phone_number_id and organization_id = old.organization_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into private.whatsapp_number_routes (phone_number_id, organization_id, verify_token_hash)
    values (new.phone_number_id, new.organization_id, new.verify_token_hash)
    on conflict (phone_number_id) do update set organization_id = excluded.organization_id,
      verify_token_hash = excluded.verify_token_hash;
  end if;
  return null;
end
$$;
create trigger whatsapp_numbers_route after insert or update or delete on whatsapp_numbers
  for each row execute function private.route_whatsapp_number();

create or replace function private.route_sms_callback() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, private as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from private.sms_callback_routes where token_hash = old.token_hash;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into private.sms_callback_routes (token_hash, organization_id) values (new.token_hash, new.organization_id);
  end if;
  return null;
end
$$;
create trigger sms_callback_tokens_route after insert or update or delete on sms_callback_tokens
  for each row execute function private.route_sms_callback();

-- The organization that connected the WhatsApp number, or null.
create or replace function whatsapp_number_organization(number_id text) returns uuid
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select organization_id from private.whatsapp_number_routes where phone_number_id = number_id
$$;
revoke all on function whatsapp_number_organization(text) from public;

-- Whether an organization's WhatsApp verify token hashes to the value (the webhook handshake names no number).
create or replace function whatsapp_verify_token_known(hash text) returns boolean
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select exists (select 1 from private.whatsapp_number_routes where verify_token_hash = hash)
$$;
revoke all on function whatsapp_verify_token_known(text) from public;

-- The organization whose SMS delivery-report token hashes to the value, or null.
create or replace function sms_callback_organization(hash text) returns uuid
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select organization_id from private.sms_callback_routes where token_hash = hash
$$;
revoke all on function sms_callback_organization(text) from public;

-- The organizations that may have provider callbacks to process.
create or replace function provider_callback_organizations() returns setof uuid
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select organization_id from private.whatsapp_number_routes
  union
  select organization_id from private.sms_callback_routes
$$;
revoke all on function provider_callback_organizations() from public;

-- A provider's callback (WhatsApp webhook delivery, SMS delivery report) as it arrived, verified, for a job to
-- process: received (due at next_attempt_at), processed, or failed after its last attempt (reason says why).
create table provider_callbacks (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  provider        text not null check (provider in ('whatsapp', 'msg91')),
  payload         text not null,
  status          text not null default 'received' check (status in ('received', 'processed', 'failed')),
  attempts        int not null default 0,
  next_attempt_at timestamptz default now(),
  reason          text,
  received_at     timestamptz not null default now(),
  processed_at    timestamptz,
  primary key (organization_id, id)
);
create index provider_callbacks_due_idx on provider_callbacks (organization_id, next_attempt_at)
  where next_attempt_at is not null;
create index provider_callbacks_age_idx on provider_callbacks (organization_id, received_at);
call enable_tenant_isolation('provider_callbacks');

-- A WhatsApp conversation: one per student phone number (E.164), tied to the lead it belongs to; its owner is
-- the lead's counselor unless someone assigned it. inbound_count counts the student's messages, so a user's
-- unread count is inbound_count minus what they had seen when they last read it.
create table whatsapp_conversations (
  organization_id      uuid not null references organizations (id) on delete cascade,
  id                   uuid not null default uuid_v7(),
  phone                text not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  lead_id              uuid not null,
  owner_id             uuid,
  contact_name         text,
  last_inbound_at      timestamptz,
  last_message_at      timestamptz not null default now(),
  last_message_preview text,
  inbound_count        int not null default 0 check (inbound_count >= 0),
  created_at           timestamptz not null default now(),
  primary key (organization_id, id),
  unique (organization_id, phone)
);
create index whatsapp_conversations_recent_idx on whatsapp_conversations (organization_id, last_message_at desc, id desc);
create index whatsapp_conversations_owner_idx
  on whatsapp_conversations (organization_id, owner_id, last_message_at desc, id desc);
create index whatsapp_conversations_lead_idx on whatsapp_conversations (organization_id, lead_id);
call enable_tenant_isolation('whatsapp_conversations');

-- How much of a conversation a user has read: the conversation's inbound_count when they last read it.
create table whatsapp_conversation_reads (
  organization_id uuid not null,
  conversation_id uuid not null,
  user_id         uuid not null,
  read_count      int not null default 0,
  read_at         timestamptz not null default now(),
  primary key (organization_id, conversation_id, user_id),
  foreign key (organization_id, conversation_id) references whatsapp_conversations (organization_id, id)
    on delete cascade
);
call enable_tenant_isolation('whatsapp_conversation_reads');

-- A message of a conversation, either way. wamid: WhatsApp's id (inbound at once, outbound once sent);
-- communication_id: the communication the message is in the hub.
create table whatsapp_messages (
  organization_id   uuid not null,
  id                uuid not null default uuid_v7(),
  conversation_id   uuid not null,
  direction         text not null check (direction in ('inbound', 'outbound')),
  wamid             text,
  communication_id  uuid,
  kind              text not null default 'text' check (kind in ('text', 'template', 'image', 'document', 'audio',
                                                                   'video', 'sticker', 'location', 'contacts',
                                                                   'interactive', 'button', 'reaction', 'other')),
  body              text,
  template_name     text,
  template_language text,
  media_url         text,
  status            text not null check (status in ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
  error             text,
  sent_by           uuid,
  created_at        timestamptz not null default now(),
  status_at         timestamptz,
  primary key (organization_id, id),
  foreign key (organization_id, conversation_id) references whatsapp_conversations (organization_id, id)
    on delete cascade
);
create unique index whatsapp_messages_wamid_idx on whatsapp_messages (organization_id, wamid) where wamid is not null;
create unique index whatsapp_messages_communication_idx on whatsapp_messages (organization_id, communication_id)
  where communication_id is not null;
create index whatsapp_messages_thread_idx on whatsapp_messages (organization_id, conversation_id, created_at desc, id desc);
call enable_tenant_isolation('whatsapp_messages');

-- A message template of the WhatsApp Business account, as last synced: only APPROVED ones may be sent.
create table whatsapp_templates (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  provider_id     text,
  name            text not null,
  language        text not null,
  category        text,
  status          text not null,
  components      jsonb not null default '[]'::jsonb,
  body            text,
  parameter_count int not null default 0,
  synced_at       timestamptz not null default now(),
  primary key (organization_id, id),
  unique (organization_id, name, language)
);
call enable_tenant_isolation('whatsapp_templates');

-- Students who write on WhatsApp first become leads from WhatsApp.
alter table leads drop constraint leads_platform_check,
  add constraint leads_platform_check check (platform in ('facebook', 'instagram', 'google_ads', 'website', 'portal',
                                                          'manual', 'import', 'referral', 'walk_in', 'whatsapp')) not valid;
