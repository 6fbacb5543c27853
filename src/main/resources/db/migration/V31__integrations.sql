-- The integrations registry: per organization and integration type, whether it is connected, its credentials
-- (sealed with AES-GCM by the application; the database never sees them in clear), its settings and when it
-- last worked or failed.

create table integration_connections (
  organization_id  uuid not null references organizations (id) on delete cascade,
  type             text not null check (type in ('facebook', 'instagram', 'website_forms', 'google_ads', 'email',
                                                 'sms', 'whatsapp', 'push', 'payments')),
  status           text not null default 'disconnected' check (status in ('connected', 'error', 'disconnected')),
  credentials      text,
  settings         jsonb not null default '{}'::jsonb,
  connected_by     uuid,
  connected_at     timestamptz,
  last_activity_at timestamptz,
  last_error       text,
  last_error_at    timestamptz,
  updated_at       timestamptz not null default now(),
  primary key (organization_id, type)
);
call enable_tenant_isolation('integration_connections');

-- Every inbound delivery and outbound call of an integration, bodies with secrets and tokens redacted; kept for
-- crm.integrations.log-retention-days and purged by a job.
create table integration_logs (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  type            text not null check (type ~ '^[a-z][a-z0-9_]{0,49}$'),
  direction       text not null check (direction in ('inbound', 'outbound')),
  status          text not null check (status in ('success', 'failure')),
  endpoint        text,
  method          text,
  http_status     int,
  duration_ms     int check (duration_ms >= 0),
  request_body    text,
  response_body   text,
  error           text,
  lead_id         uuid,
  records_created int not null default 0 check (records_created >= 0),
  reported_by     uuid,
  created_at      timestamptz not null default now(),
  primary key (organization_id, id)
);
create index integration_logs_newest_idx on integration_logs (organization_id, created_at desc, id desc);
create index integration_logs_type_idx on integration_logs (organization_id, type, created_at desc);
create index integration_logs_lead_idx on integration_logs (organization_id, lead_id, created_at desc)
  where lead_id is not null;
create index integration_logs_age_idx on integration_logs (created_at);
call enable_tenant_isolation('integration_logs');

-- Leads also arrive from Google Ads lead forms and education portals. The wider checks are added unvalidated here
-- and validated by a later migration, in a transaction of its own: validating reads every row but, unlike adding a
-- checked constraint, lets reads and writes go on meanwhile.
alter table leads drop constraint leads_platform_check,
  add constraint leads_platform_check check (platform in ('facebook', 'instagram', 'google_ads', 'website', 'portal',
                                                          'manual', 'import', 'referral', 'walk_in')) not valid;

-- A person who is already a lead enquiring again is an activity on their timeline.
alter table activities drop constraint activities_activity_type_check,
  add constraint activities_activity_type_check check (activity_type in ('call', 'email', 'meeting', 'note',
    'status_change', 'assignment', 'follow_up', 'whatsapp', 'sms', 'enquiry')) not valid;
