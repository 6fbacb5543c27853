-- Leads: the organization's pipeline statuses, leads (and students), stage history, assignment history,
-- custom field definitions and auto-assignment state.

create extension if not exists pg_trgm;

create table lead_statuses (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  name            text not null,
  code            text not null check (code ~ '^[a-z][a-z0-9_]{0,49}$'),
  color           text not null default '#2196F3',
  position        int not null default 0,
  is_default      boolean not null default false,
  is_won          boolean not null default false,
  is_lost         boolean not null default false,
  sla_hours       int check (sla_hours > 0),
  active          boolean not null default true,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (organization_id, id),
  unique (organization_id, code),
  check (not (is_won and is_lost))
);
create unique index lead_statuses_one_default on lead_statuses (organization_id) where is_default;
call enable_tenant_isolation('lead_statuses');

-- The statuses a lead may move to from a status. A status without rows here allows every status.
create table lead_status_transitions (
  organization_id uuid not null,
  from_status_id  uuid not null,
  to_status_id    uuid not null,
  primary key (organization_id, from_status_id, to_status_id),
  foreign key (organization_id, from_status_id) references lead_statuses (organization_id, id) on delete cascade,
  foreign key (organization_id, to_status_id) references lead_statuses (organization_id, id) on delete cascade
);
call enable_tenant_isolation('lead_status_transitions');

create table leads (
  organization_id        uuid not null references organizations (id) on delete cascade,
  id                     uuid not null default uuid_v7(),
  branch_id              uuid,
  assigned_to            uuid,
  assigned_at            timestamptz,
  status_id              uuid not null,
  created_by             uuid,
  -- person
  first_name             text not null,
  last_name              text,
  phone                  text,
  secondary_phone        text,
  email                  text check (email = lower(email)),
  gender                 text,
  city                   text,
  state                  text,
  country                text,
  -- student and parent
  student_name           text,
  parent_name            text,
  parent_phone           text,
  relationship           text check (relationship in ('self', 'parent', 'guardian', 'sibling', 'other')),
  date_of_birth          date,
  -- education background
  current_education      text,
  current_institution    text,
  percentage             numeric(5, 2) check (percentage between 0 and 100),
  stream                 text,
  graduation_year        int check (graduation_year between 1950 and 2100),
  -- inquiry
  interested_courses     text[] not null default '{}',
  preferred_countries    text[] not null default '{}',
  preferred_institutions text[] not null default '{}',
  budget_min             numeric(14, 2) check (budget_min >= 0),
  budget_max             numeric(14, 2) check (budget_max >= 0),
  budget_currency        char(3) not null default 'INR',
  intake_preference      text,
  -- lead meta
  priority               text not null default 'warm' check (priority in ('hot', 'warm', 'cold')),
  engagement             text not null default 'new' check (engagement in ('new', 'active', 'hot', 'inactive')),
  source                 text,
  source_details         text,
  tags                   text[] not null default '{}',
  -- where it came from (lead ads, website forms)
  platform               text not null default 'manual'
                         check (platform in ('facebook', 'instagram', 'website', 'manual', 'import', 'referral', 'walk_in')),
  source_lead_id         text,
  page_id                text,
  page_name              text,
  form_id                text,
  ad_id                  text,
  campaign_id            text,
  utm_source             text,
  utm_medium             text,
  utm_campaign           text,
  utm_term               text,
  utm_content            text,
  page_url               text,
  consent_at             timestamptz,
  -- follow-up
  last_contact_date      timestamptz,
  next_follow_up_date    timestamptz,
  reminder_note          text,
  -- call statistics, kept exact by atomic updates
  total_calls            int not null default 0,
  total_attempts         int not null default 0,
  last_call_duration     int not null default 0,
  last_call_at           timestamptz,
  custom_fields          jsonb not null default '{}',
  converted_at           timestamptz,
  deleted_at             timestamptz,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  search                 tsvector generated always as (
                           to_tsvector('simple',
                             coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
                             coalesce(student_name, '') || ' ' || coalesce(parent_name, '') || ' ' ||
                             coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' ||
                             coalesce(secondary_phone, ''))) stored,
  primary key (organization_id, id),
  foreign key (organization_id, status_id) references lead_statuses (organization_id, id),
  foreign key (organization_id, branch_id) references branches (organization_id, id) on delete set null (branch_id),
  foreign key (organization_id, assigned_to) references users (organization_id, id) on delete set null (assigned_to),
  foreign key (organization_id, created_by) references users (organization_id, id) on delete set null (created_by),
  check (budget_max is null or budget_min is null or budget_max >= budget_min)
);
create unique index leads_source_lead_uq on leads (organization_id, platform, source_lead_id) where source_lead_id is not null;
create index leads_phone_idx on leads (organization_id, phone) where deleted_at is null;
create index leads_secondary_phone_idx on leads (organization_id, secondary_phone) where deleted_at is null and secondary_phone is not null;
create index leads_email_idx on leads (organization_id, email) where deleted_at is null;
create index leads_created_idx on leads (organization_id, created_at desc, id desc);
create index leads_assigned_idx on leads (organization_id, assigned_to, created_at desc) where deleted_at is null;
create index leads_branch_idx on leads (organization_id, branch_id) where deleted_at is null;
create index leads_status_idx on leads (organization_id, status_id) where deleted_at is null;
create index leads_follow_up_idx on leads (organization_id, next_follow_up_date) where deleted_at is null;
create index leads_search_idx on leads using gin (search);
create index leads_tags_idx on leads using gin (tags);
create index leads_name_trgm_idx on leads using gin ((coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' ||
  coalesce(student_name, '') || ' ' || coalesce(parent_name, '')) gin_trgm_ops);
create index leads_phone_trgm_idx on leads using gin ((coalesce(phone, '') || ' ' || coalesce(secondary_phone, '')) gin_trgm_ops);
call enable_tenant_isolation('leads');

-- A lead's stay in one status. Exactly one stage of a lead is open (exited_at null).
create table lead_stages (
  organization_id  uuid not null,
  id               uuid not null default uuid_v7(),
  lead_id          uuid not null,
  status_id        uuid not null,
  entered_at       timestamptz not null default now(),
  exited_at        timestamptz,
  duration_seconds bigint,
  sla_due_at       timestamptz,
  changed_by       uuid,
  notes            text,
  next_action      text,
  primary key (organization_id, id),
  foreign key (organization_id, lead_id) references leads (organization_id, id) on delete cascade,
  foreign key (organization_id, status_id) references lead_statuses (organization_id, id),
  foreign key (organization_id, changed_by) references users (organization_id, id) on delete set null (changed_by)
);
create unique index lead_stages_one_open on lead_stages (organization_id, lead_id) where exited_at is null;
create index lead_stages_lead_idx on lead_stages (organization_id, lead_id, entered_at);
call enable_tenant_isolation('lead_stages');

-- Every change of a lead's owner: who, from whom, to whom, why.
create table lead_assignments (
  organization_id  uuid not null,
  id               uuid not null default uuid_v7(),
  lead_id          uuid not null,
  action           text not null check (action in ('assign', 'reassign', 'unassign', 'auto', 'bulk')),
  assigned_to      uuid,
  previous_user_id uuid,
  assigned_by      uuid,
  strategy         text,
  reason           text,
  notes            text,
  created_at       timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, lead_id) references leads (organization_id, id) on delete cascade,
  foreign key (organization_id, assigned_to) references users (organization_id, id) on delete set null (assigned_to),
  foreign key (organization_id, previous_user_id) references users (organization_id, id) on delete set null (previous_user_id),
  foreign key (organization_id, assigned_by) references users (organization_id, id) on delete set null (assigned_by)
);
create index lead_assignments_lead_idx on lead_assignments (organization_id, lead_id, created_at);
create index lead_assignments_user_idx on lead_assignments (organization_id, assigned_to, created_at desc);
call enable_tenant_isolation('lead_assignments');

-- How new leads are assigned, and the round-robin turn of each scope (organization, branch or source).
create table lead_assignment_settings (
  organization_id uuid not null references organizations (id) on delete cascade,
  mode            text not null default 'off' check (mode in ('off', 'round_robin', 'least_loaded')),
  per_branch      boolean not null default false,
  rules           jsonb not null default '[]',
  updated_at      timestamptz not null default now(),
  primary key (organization_id)
);
call enable_tenant_isolation('lead_assignment_settings');

create table lead_assignment_cursors (
  organization_id uuid not null,
  scope_key       text not null,
  last_user_id    uuid,
  updated_at      timestamptz not null default now(),
  primary key (organization_id, scope_key)
);
call enable_tenant_isolation('lead_assignment_cursors');

-- The organization's extra lead fields; lead writes are validated against them.
create table lead_form_fields (
  organization_id uuid not null references organizations (id) on delete cascade,
  key             text not null check (key ~ '^[a-z][a-z0-9_]{0,49}$'),
  label           text not null,
  type            text not null check (type in ('text', 'number', 'date', 'select', 'multiselect', 'phone', 'email', 'boolean')),
  required        boolean not null default false,
  options         text[] not null default '{}',
  position        int not null default 0,
  primary key (organization_id, key)
);
call enable_tenant_isolation('lead_form_fields');

-- A lead that enrolled.
create table students (
  organization_id uuid not null,
  id              uuid not null default uuid_v7(),
  lead_id         uuid not null,
  course          text,
  institution     text,
  country         text,
  intake          text,
  enrolled_at     date,
  status          text not null default 'enrolled' check (status in ('enrolled', 'deferred', 'withdrawn', 'completed')),
  fee_total       numeric(14, 2) check (fee_total >= 0),
  fee_currency    char(3) not null default 'INR',
  installments    int check (installments between 1 and 60),
  notes           text,
  created_by      uuid,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (organization_id, id),
  unique (organization_id, lead_id),
  foreign key (organization_id, lead_id) references leads (organization_id, id) on delete cascade,
  foreign key (organization_id, created_by) references users (organization_id, id) on delete set null (created_by)
);
call enable_tenant_isolation('students');
