-- Saved lead list views: a name, the list's filters and its columns, kept per user; a shared view is offered to the
-- whole organization.

create table saved_lead_views (
  organization_id uuid not null,
  id              uuid not null default uuid_v7(),
  user_id         uuid not null,
  name            text not null check (length(name) between 1 and 100),
  filters         jsonb not null default '{}'::jsonb,
  columns         text[] not null default '{}',
  shared          boolean not null default false,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, user_id) references users (organization_id, id) on delete cascade
);
create index saved_lead_views_user_idx on saved_lead_views (organization_id, user_id, name);
create index saved_lead_views_shared_idx on saved_lead_views (organization_id, name) where shared;
call enable_tenant_isolation('saved_lead_views');
