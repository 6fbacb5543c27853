-- Reports: report templates a user saved (a definition of the report builder), the runs of reports (previews are
-- not kept; exports and scheduled sends are, with their file), and schedules that mail a report daily, weekly or
-- monthly at a time of the organization's time zone.

create table report_templates (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  owner_id        uuid not null,
  name            text not null check (length(name) between 1 and 100),
  description     text check (length(description) <= 500),
  definition      jsonb not null,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, owner_id) references users (organization_id, id) on delete cascade
);
create index report_templates_owner_idx on report_templates (organization_id, owner_id, lower(name));
call enable_tenant_isolation('report_templates');

create table report_schedules (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  owner_id        uuid not null,
  name            text not null check (length(name) between 1 and 100),
  definition      jsonb not null,
  format          text not null check (format in ('csv', 'xlsx', 'pdf')),
  frequency       text not null check (frequency in ('daily', 'weekly', 'monthly')),
  time_of_day     time not null,
  -- 1 (Monday) to 7 for weekly schedules, 1 to 28 for monthly ones
  day_of_week     int check (day_of_week between 1 and 7),
  day_of_month    int check (day_of_month between 1 and 28),
  recipients      text[] not null check (cardinality(recipients) between 1 and 20),
  -- the days each run covers, ending the day before the run
  period          text not null check (period in ('previous_day', 'previous_7_days', 'previous_30_days',
                                                  'previous_month', 'all')),
  status          text not null default 'active' check (status in ('active', 'paused')),
  next_run_at     timestamptz not null,
  last_run_at     timestamptz,
  last_error      text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, owner_id) references users (organization_id, id) on delete cascade
);
-- the due schedules of every organization, read by the job of each node
create index report_schedules_due_idx on report_schedules (next_run_at) where status = 'active';
create index report_schedules_owner_idx on report_schedules (organization_id, owner_id, created_at);
call enable_tenant_isolation('report_schedules');

create table report_runs (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  user_id         uuid,
  schedule_id     uuid,
  -- a built-in template's name or a saved template's id
  template_id     text,
  name            text not null,
  definition      jsonb not null,
  format          text not null check (format in ('csv', 'xlsx', 'pdf')),
  -- download: streamed in the answer of the request; job: written to storage by a job; schedule: mailed
  delivery        text not null check (delivery in ('download', 'job', 'schedule')),
  status          text not null check (status in ('queued', 'running', 'completed', 'failed')),
  rows_written    bigint not null default 0,
  rows_total      bigint,
  file_key        text,
  file_size       bigint,
  error           text,
  created_at      timestamptz not null default now(),
  started_at      timestamptz,
  finished_at     timestamptz,
  expires_at      timestamptz,
  primary key (organization_id, id),
  foreign key (organization_id, user_id) references users (organization_id, id) on delete set null (user_id)
);
create index report_runs_newest_idx on report_runs (organization_id, created_at desc, id desc);
create index report_runs_user_idx on report_runs (organization_id, user_id, created_at desc);
create index report_runs_schedule_idx on report_runs (organization_id, schedule_id, created_at desc)
  where schedule_id is not null;
call enable_tenant_isolation('report_runs');

-- date-ranged stage reports read stage changes by the time they happened
create index lead_stages_entered_idx on lead_stages (organization_id, entered_at);

-- The schedules due at a time, of every organization, for the job that sends them (it then works inside each
-- schedule's organization, where row-level security holds again).
create or replace function report_schedules_due(at timestamptz, cap int)
returns table (organization_id uuid, id uuid)
language sql stable security definer set search_path = pg_catalog, public as $$
  select s.organization_id, s.id from report_schedules s
  where s.status = 'active' and s.next_run_at <= at order by s.next_run_at limit cap
$$;
revoke all on function report_schedules_due(timestamptz, int) from public;
