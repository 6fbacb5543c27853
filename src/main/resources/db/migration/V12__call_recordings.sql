-- Call recordings: the audio of synced calls in object storage, what the phones report about finding and
-- compressing them, and where phones of each make keep their recordings.

-- One row per upload attempt. pending: an upload URL was handed out (size is the size declared for it, and
-- counts against the quota); uploaded: the object was verified in storage (size is its real size); failed: the
-- upload never arrived or was refused; deleted: retention ended and the object was removed.
create table call_recordings (
  organization_id    uuid not null,
  id                 uuid not null default uuid_v7(),
  call_log_id        uuid not null,
  user_id            uuid not null,
  status             text not null default 'pending' check (status in ('pending', 'uploaded', 'failed', 'deleted')),
  storage_key        text not null,
  content_type       text not null,
  size_bytes         bigint not null check (size_bytes >= 0),
  original_file_name text,
  duration_seconds   int check (duration_seconds >= 0),
  bitrate_kbps       int check (bitrate_kbps >= 0),
  format             text,
  last_error         text,
  expires_at         timestamptz,
  uploaded_at        timestamptz,
  deleted_at         timestamptz,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, call_log_id) references call_logs (organization_id, id) on delete cascade,
  foreign key (organization_id, user_id) references users (organization_id, id) on delete cascade
);
-- at most one live recording per call; a failed or deleted one may be followed by a new upload
create unique index call_recordings_live_idx on call_recordings (organization_id, call_log_id)
  where status in ('pending', 'uploaded');
create index call_recordings_call_idx on call_recordings (organization_id, call_log_id, created_at desc);
create index call_recordings_expiry_idx on call_recordings (organization_id, expires_at) where status = 'uploaded';
create index call_recordings_pending_idx on call_recordings (organization_id, created_at) where status = 'pending';
call enable_tenant_isolation('call_recordings');

-- The call's current recording, shown with the call.
alter table call_logs add column recording_id uuid, add column recording_status text
  check (recording_status in ('pending', 'uploaded', 'failed', 'deleted'));

-- What the phone last reported about a call's recording (found where, not found, compressed, failed), kept once
-- per call whatever is re-sent.
create table call_recording_reports (
  organization_id   uuid not null,
  call_log_id       uuid not null,
  user_id           uuid not null,
  status            text not null check (status in ('found', 'not_found', 'compressed', 'compression_failed',
                                                     'upload_failed', 'skipped')),
  found_path        text,
  file_name         text,
  original_size     bigint check (original_size >= 0),
  compressed_size   bigint check (compressed_size >= 0),
  duration_seconds  int check (duration_seconds >= 0),
  format            text,
  manufacturer      text,
  model             text,
  error             text,
  reported_at       timestamptz not null default now(),
  primary key (organization_id, call_log_id),
  foreign key (organization_id, call_log_id) references call_logs (organization_id, id) on delete cascade,
  foreign key (organization_id, user_id) references users (organization_id, id) on delete cascade
);
call enable_tenant_isolation('call_recording_reports');

-- Where phones keep call recordings, by manufacturer (lower case; 'default' for any) and optionally model:
-- global, learned from every organization's phones (success_count grows when a phone finds recordings there).
create table recording_path_suggestions (
  id            uuid primary key default uuid_v7(),
  manufacturer  text not null check (manufacturer = lower(manufacturer) and manufacturer <> ''),
  model         text check (model = lower(model) and model <> ''),
  path          text not null check (path like '/%'),
  priority      int not null default 0,
  success_count bigint not null default 0 check (success_count >= 0),
  active        boolean not null default true,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create unique index recording_path_suggestions_key
  on recording_path_suggestions (manufacturer, coalesce(model, ''), path);

insert into recording_path_suggestions (manufacturer, path, priority) values
  ('samsung', '/storage/emulated/0/Recordings/Call', 10),
  ('samsung', '/storage/emulated/0/Call', 5),
  ('xiaomi', '/storage/emulated/0/MIUI/sound_recorder/call_rec', 10),
  ('oneplus', '/storage/emulated/0/Record/PhoneRecord', 10),
  ('oppo', '/storage/emulated/0/Recordings', 10),
  ('vivo', '/storage/emulated/0/Record/Call', 10),
  ('realme', '/storage/emulated/0/Recordings', 10),
  ('default', '/storage/emulated/0/Recordings/Call', 5),
  ('default', '/storage/emulated/0/Recordings', 3);
