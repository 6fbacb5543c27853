-- Calls: the call log synced from the counselors' phones, and the numbers an organization never stores.

create table call_logs (
  organization_id  uuid not null,
  id               uuid not null default uuid_v7(),
  user_id          uuid not null,
  lead_id          uuid,
  device_call_id   text not null,
  phone_number     text not null,
  phone_e164       text not null,
  call_type        text not null check (call_type in ('incoming', 'outgoing', 'missed', 'rejected')),
  duration_seconds int not null default 0 check (duration_seconds >= 0),
  called_at        timestamptz not null,
  sim_slot         int,
  device_info      jsonb not null default '{}',
  notes            text,
  notes_updated_at timestamptz,
  created_at       timestamptz not null default now(),
  primary key (organization_id, id),
  -- one row per call of a device, whatever is re-sent
  unique (organization_id, user_id, device_call_id),
  foreign key (organization_id, user_id) references users (organization_id, id) on delete cascade,
  foreign key (organization_id, lead_id) references leads (organization_id, id) on delete set null (lead_id)
);
create index call_logs_called_idx on call_logs (organization_id, called_at desc, id desc);
create index call_logs_user_idx on call_logs (organization_id, user_id, called_at desc);
create index call_logs_lead_idx on call_logs (organization_id, lead_id, called_at desc) where lead_id is not null;
create index call_logs_phone_idx on call_logs (organization_id, phone_e164);
call enable_tenant_isolation('call_logs');

create table call_exclusions (
  organization_id uuid not null,
  phone_e164      text not null,
  reason          text,
  created_by      uuid,
  created_at      timestamptz not null default now(),
  primary key (organization_id, phone_e164),
  foreign key (organization_id, created_by) references users (organization_id, id) on delete set null (created_by)
);
call enable_tenant_isolation('call_exclusions');
