-- Lead imports: an uploaded CSV processed by a job in batches; processed counts the rows of committed batches,
-- so a restarted job continues after them. Rejected rows are kept until the error report is written.

create table lead_imports (
  organization_id  uuid not null,
  id               uuid not null default uuid_v7(),
  status           text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
  file_key         text not null,
  file_name        text,
  mapping          jsonb not null,
  duplicate_policy text not null check (duplicate_policy in ('skip', 'update', 'create')),
  source           text,
  actor            jsonb not null,
  total_rows       int not null default 0 check (total_rows >= 0),
  processed_rows   int not null default 0 check (processed_rows >= 0),
  created_count    int not null default 0,
  updated_count    int not null default 0,
  skipped_count    int not null default 0,
  failed_count     int not null default 0,
  error_report_key text,
  error            text,
  created_by       uuid,
  created_at       timestamptz not null default now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  primary key (organization_id, id),
  foreign key (organization_id, created_by) references users (organization_id, id) on delete set null (created_by)
);
create index lead_imports_recent_idx on lead_imports (organization_id, created_at desc, id desc);
call enable_tenant_isolation('lead_imports');

create table lead_import_errors (
  organization_id uuid not null,
  import_id       uuid not null,
  row_number      int not null,
  reason          text not null,
  cells           text[] not null,
  primary key (organization_id, import_id, row_number),
  foreign key (organization_id, import_id) references lead_imports (organization_id, id) on delete cascade
);
call enable_tenant_isolation('lead_import_errors');
