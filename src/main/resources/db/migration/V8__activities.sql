-- Activities: notes on leads, activities (things that happened) and tasks (things to do, follow-ups among them).

create table notes (
  organization_id uuid not null,
  id              uuid not null default uuid_v7(),
  lead_id         uuid not null,
  author_id       uuid,
  type            text not null default 'general'
                  check (type in ('general', 'call', 'status_change', 'follow_up', 'important', 'meeting')),
  content         text not null,
  priority        text not null default 'medium' check (priority in ('low', 'medium', 'high', 'urgent')),
  is_private      boolean not null default false,
  tags            text[] not null default '{}',
  reminder_at     timestamptz,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, lead_id) references leads (organization_id, id) on delete cascade,
  foreign key (organization_id, author_id) references users (organization_id, id) on delete set null (author_id)
);
create index notes_lead_idx on notes (organization_id, lead_id, created_at desc, id desc);
create index notes_recent_idx on notes (organization_id, created_at desc, id desc);
call enable_tenant_isolation('notes');

-- Things to do: a follow-up is a task of kind follow_up. A task may stand without a lead.
create table tasks (
  organization_id uuid not null,
  id              uuid not null default uuid_v7(),
  lead_id         uuid,
  note_id         uuid,
  title           text not null,
  description     text,
  kind            text not null default 'task' check (kind in ('task', 'follow_up', 'call', 'meeting')),
  status          text not null default 'open' check (status in ('open', 'completed', 'cancelled')),
  priority        text not null default 'medium' check (priority in ('low', 'medium', 'high', 'urgent')),
  due_at          timestamptz,
  assignee_id     uuid,
  created_by      uuid,
  completed_at    timestamptz,
  completed_by    uuid,
  outcome         text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, lead_id) references leads (organization_id, id) on delete cascade,
  foreign key (organization_id, note_id) references notes (organization_id, id) on delete set null (note_id),
  foreign key (organization_id, assignee_id) references users (organization_id, id) on delete set null (assignee_id),
  foreign key (organization_id, created_by) references users (organization_id, id) on delete set null (created_by),
  foreign key (organization_id, completed_by) references users (organization_id, id) on delete set null (completed_by)
);
create index tasks_lead_open_idx on tasks (organization_id, lead_id, kind, due_at) where status = 'open';
create index tasks_assignee_idx on tasks (organization_id, assignee_id, status, due_at);
create index tasks_lead_idx on tasks (organization_id, lead_id, created_at desc);
call enable_tenant_isolation('tasks');

-- Things that happened with a lead; seed 03's interactions are the same rows seen with a direction.
create table activities (
  organization_id     uuid not null,
  id                  uuid not null default uuid_v7(),
  lead_id             uuid not null,
  user_id             uuid,
  activity_type       text not null check (activity_type in ('call', 'email', 'meeting', 'note', 'status_change',
                        'assignment', 'follow_up', 'whatsapp', 'sms')),
  direction           text check (direction in ('inbound', 'outbound')),
  description         text not null,
  outcome             text,
  duration_seconds    int check (duration_seconds >= 0),
  occurred_at         timestamptz not null default now(),
  next_follow_up_date timestamptz,
  priority            text not null default 'medium' check (priority in ('low', 'medium', 'high', 'urgent')),
  status              text not null default 'completed' check (status in ('pending', 'completed', 'cancelled')),
  details             jsonb not null default '{}',
  task_id             uuid,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, lead_id) references leads (organization_id, id) on delete cascade,
  foreign key (organization_id, user_id) references users (organization_id, id) on delete set null (user_id),
  foreign key (organization_id, task_id) references tasks (organization_id, id) on delete set null (task_id)
);
create index activities_lead_idx on activities (organization_id, lead_id, occurred_at desc, id desc);
create index activities_user_idx on activities (organization_id, user_id, occurred_at desc);
create index activities_occurred_idx on activities (organization_id, occurred_at desc, id desc);
create index activities_follow_up_idx on activities (organization_id, next_follow_up_date)
  where status = 'pending' and next_follow_up_date is not null;
call enable_tenant_isolation('activities');
