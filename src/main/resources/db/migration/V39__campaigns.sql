-- Campaigns: one message (a template on one channel) sent to an audience of leads chosen with the lead list's
-- filters. The audience is snapshotted into campaign_recipients at launch, one row per lead, with the leads left
-- out and why (no address for the channel, opted out, a second lead with the same address); a job then hands the
-- recipients over to the communications outbox at the campaign's throttle. Delivery states are read from the
-- communication each recipient was handed over as (a join, not a copy); opens and clicks of tracked email are
-- recorded on the recipient.

create table campaigns (
  organization_id            uuid not null references organizations (id) on delete cascade,
  id                         uuid not null default uuid_v7(),
  name                       text not null check (length(name) between 1 and 200),
  channel                    text not null check (channel in ('email', 'sms', 'whatsapp')),
  template_id                uuid,
  -- a WhatsApp template approved by the provider, by name and language, with its body parameters
  provider_template          text check (length(provider_template) <= 512),
  provider_template_language text check (length(provider_template_language) <= 20),
  template_parameters        text[] not null default '{}',
  subject                    text check (length(subject) <= 300),
  -- the lead list's filters, by their query parameter names (status, source, tags, created_from...)
  audience                   jsonb not null default '{}',
  scheduled_at               timestamptz,
  throttle_per_minute        int not null default 60 check (throttle_per_minute between 1 and 60000),
  track_links                boolean not null default true,
  status                     text not null default 'draft'
                             check (status in ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
  -- when the sending job next hands recipients over (running campaigns)
  next_send_at               timestamptz,
  launched_at                timestamptz,
  launched_by                uuid,
  completed_at               timestamptz,
  cancelled_at               timestamptz,
  paused_at                  timestamptz,
  -- counted once at launch
  recipients_count           int not null default 0,
  excluded_no_address        int not null default 0,
  excluded_opted_out         int not null default 0,
  excluded_duplicate         int not null default 0,
  -- recipients handed over so far, counted by the sending job in the transaction that hands them over
  queued_count               int not null default 0,
  last_error                 text,
  created_by                 uuid,
  created_at                 timestamptz not null default now(),
  updated_at                 timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, template_id) references message_templates (organization_id, id)
    on delete set null (template_id),
  foreign key (organization_id, created_by) references users (organization_id, id) on delete set null (created_by),
  check (template_id is not null or provider_template is not null or status = 'draft')
);
call enable_tenant_isolation('campaigns');
create index campaigns_newest_idx on campaigns (organization_id, created_at desc, id desc);
create index campaigns_status_idx on campaigns (organization_id, status, created_at desc);

create table campaign_recipients (
  organization_id  uuid not null,
  id               uuid not null default uuid_v7(),
  campaign_id      uuid not null,
  lead_id          uuid not null,
  name             text,
  -- the email address or phone number the message goes to (null: the lead has none for the channel)
  address          text,
  -- why the lead was left out; null for a recipient
  exclusion        text check (exclusion in ('no_address', 'opted_out', 'duplicate')),
  -- pending: not handed over yet; queued: handed over (the communication tells the rest); skipped: left out, or
  -- never handed over because the campaign was cancelled
  status           text not null default 'pending' check (status in ('pending', 'queued', 'skipped')),
  communication_id uuid,
  queued_at        timestamptz,
  opened_at        timestamptz,
  opens            int not null default 0,
  clicked_at       timestamptz,
  clicks           int not null default 0,
  created_at       timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, campaign_id) references campaigns (organization_id, id) on delete cascade,
  check ((exclusion is null) or status = 'skipped')
);
call enable_tenant_isolation('campaign_recipients');
-- the sending job takes the pending ones in order; lists by status
create index campaign_recipients_status_idx on campaign_recipients (organization_id, campaign_id, status, id);
-- one recipient per address
create unique index campaign_recipients_address_uq on campaign_recipients (organization_id, campaign_id, address)
  where exclusion is null;
create index campaign_recipients_lead_idx on campaign_recipients (organization_id, lead_id);
create index campaign_recipients_communication_idx on campaign_recipients (organization_id, communication_id)
  where communication_id is not null;

-- Which campaigns have work due (scheduled ones at their time, running ones at their next sending time), across
-- organizations, for the job that launches and sends them: kept by a trigger, read only through
-- campaigns_due(); the application role cannot read the schema.
create schema if not exists private;
revoke all on schema private from public;

create table private.campaign_due (
  organization_id uuid not null references organizations (id) on delete cascade,
  campaign_id     uuid not null,
  due_at          timestamptz not null,
  primary key (organization_id, campaign_id)
);
create index campaign_due_at_idx on private.campaign_due (due_at);

create or replace function private.note_campaign_due() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, private as $$
begin
  if tg_op = 'DELETE' then
    delete from private.campaign_due where organization_id = old.organization_id and campaign_id = old.id;
    return null;
  end if;
  if new.status = 'scheduled' and new.scheduled_at is not null then
    insert into private.campaign_due values (new.organization_id, new.id, new.scheduled_at)
    on conflict (organization_id, campaign_id) do update set due_at = excluded.due_at;
  elsif new.status = 'running' then
    insert into private.campaign_due values (new.organization_id, new.id, coalesce(new.next_send_at, now()))
    on conflict (organization_id, campaign_id) do update set due_at = excluded.due_at;
  else
    delete from private.campaign_due where organization_id = new.organization_id and campaign_id = new.id;
  end if;
  return null;
end
$$;

create trigger campaigns_due after insert or delete or update of status, scheduled_at, next_send_at on campaigns
  for each row execute function private.note_campaign_due();

-- Campaigns with work due by `at`, the longest waiting first; at most `cap`.
create or replace function campaigns_due(at timestamptz, cap int)
returns table (organization_id uuid, campaign_id uuid)
language sql stable security definer set search_path = pg_catalog, public, private as $$
  select d.organization_id, d.campaign_id from private.campaign_due d where d.due_at <= at order by d.due_at limit cap
$$;
revoke all on function campaigns_due(timestamptz, int) from public;
