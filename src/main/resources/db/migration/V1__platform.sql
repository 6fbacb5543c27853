-- Platform plumbing: id generation, tenant row-level security helpers, job and event tables.


-- UUIDv7: 48-bit millisecond timestamp, then random bits (time-ordered, index friendly).
create or replace function uuid_v7() returns uuid
language sql volatile as $$
  select encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
              from 1 for 6),
      52, 1), 53, 1), 'hex')::uuid
$$;

-- The tenant of the current transaction, set by the application with
-- set_config('app.organization_id', ..., true). Null when none is set: then no tenant row is visible.
create or replace function app_current_organization() returns uuid
language sql stable as $$
  select nullif(current_setting('app.organization_id', true), '')::uuid
$$;

-- Turns on forced row-level security for a tenant table with the one policy every tenant table has.
create or replace procedure enable_tenant_isolation(tbl regclass)
language plpgsql as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format('alter table %s force row level security', tbl);
  execute format('create policy tenant_isolation on %s using (organization_id = app_current_organization()) '
                 'with check (organization_id = app_current_organization())', tbl);
end
$$;

-- db-scheduler (cluster-safe jobs)
create table scheduled_tasks (
  task_name            text not null,
  task_instance        text not null,
  task_data            bytea,
  execution_time       timestamptz not null,
  picked               boolean not null,
  picked_by            text,
  last_success         timestamptz,
  last_failure         timestamptz,
  consecutive_failures int,
  last_heartbeat       timestamptz,
  version              bigint not null,
  priority             smallint,
  primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- Spring Modulith JDBC event publication registry
create table event_publication (
  id                     uuid not null primary key,
  listener_id            text not null,
  event_type             text not null,
  serialized_event       text not null,
  publication_date       timestamptz not null,
  completion_date        timestamptz,
  status                 text,
  completion_attempts    int not null default 0,
  last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
