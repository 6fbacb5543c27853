-- Identity: organizations (the tenants), branches, users, roles and permissions, sessions, API keys,
-- one-time codes and the audit log.

-- The tenant registry itself: global, addressed by id or slug.
create table organizations (
  id                       uuid primary key default uuid_v7(),
  name                     text not null,
  slug                     text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$'),
  email                    text,
  phone                    text,
  website                  text,
  address                  text,
  city                     text,
  state                    text,
  country                  text,
  logo_url                 text,
  settings                 jsonb not null default '{}',
  time_zone                text not null default 'Asia/Kolkata',
  currency                 char(3) not null default 'INR',
  subscription_plan        text not null default 'trial',
  subscription_expires_at  timestamptz,
  storage_quota_bytes      bigint not null default 10737418240,
  recording_retention_days int not null default 90 check (recording_retention_days > 0),
  active                   boolean not null default true,
  created_at               timestamptz not null default now(),
  updated_at               timestamptz not null default now()
);

-- The permission catalogue: global, the same for every organization.
create table permissions (
  code        text primary key,
  category    text not null,
  description text not null
);

create table branches (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  name            text not null,
  code            text,
  address         text,
  city            text,
  phone           text,
  email           text,
  active          boolean not null default true,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (organization_id, id)
);
create unique index branches_name_uq on branches (organization_id, lower(name));
call enable_tenant_isolation('branches');

create table roles (
  organization_id uuid not null references organizations (id) on delete cascade,
  id              uuid not null default uuid_v7(),
  code            text not null check (code ~ '^[a-z][a-z0-9_]{1,49}$'),
  name            text not null,
  description     text,
  system          boolean not null default false,
  data_scope      text not null default 'own' check (data_scope in ('all', 'branch', 'own')),
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (organization_id, id),
  unique (organization_id, code)
);
call enable_tenant_isolation('roles');

create table role_permissions (
  organization_id uuid not null,
  role_id         uuid not null,
  permission      text not null references permissions (code),
  primary key (organization_id, role_id, permission),
  foreign key (organization_id, role_id) references roles (organization_id, id) on delete cascade
);
call enable_tenant_isolation('role_permissions');

create table users (
  organization_id     uuid not null references organizations (id) on delete cascade,
  id                  uuid not null default uuid_v7(),
  email               text not null check (email = lower(email)),
  phone               text,
  password_hash       text,
  first_name          text not null,
  last_name           text,
  designation         text,
  department          text,
  branch_id           uuid,
  avatar_url          text,
  fcm_token           text,
  device_info         jsonb,
  preferences         jsonb not null default '{}',
  last_login_at       timestamptz,
  failed_login_count  int not null default 0,
  locked_until        timestamptz,
  active              boolean not null default true,
  invited_at          timestamptz,
  deleted_at          timestamptz,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (organization_id, id),
  foreign key (organization_id, branch_id) references branches (organization_id, id) on delete set null (branch_id)
);
create unique index users_email_uq on users (organization_id, email) where deleted_at is null;
create unique index users_phone_uq on users (organization_id, phone) where deleted_at is null and phone is not null;
call enable_tenant_isolation('users');

create table user_roles (
  organization_id uuid not null,
  user_id         uuid not null,
  role_id         uuid not null,
  primary key (organization_id, user_id, role_id),
  foreign key (organization_id, user_id) references users (organization_id, id) on delete cascade,
  foreign key (organization_id, role_id) references roles (organization_id, id) on delete cascade
);
create index user_roles_role_idx on user_roles (organization_id, role_id);
call enable_tenant_isolation('user_roles');

-- A session is one login on one device; its refresh tokens rotate, and a reused one revokes it.
create table user_sessions (
  organization_id  uuid not null,
  id               uuid not null default uuid_v7(),
  user_id          uuid not null,
  device_name      text,
  device_info      jsonb,
  ip_address       text,
  user_agent       text,
  impersonated_by  uuid,
  created_at       timestamptz not null default now(),
  last_used_at     timestamptz not null default now(),
  expires_at       timestamptz not null,
  revoked_at       timestamptz,
  revoked_reason   text,
  primary key (organization_id, id),
  foreign key (organization_id, user_id) references users (organization_id, id) on delete cascade
);
create index user_sessions_user_idx on user_sessions (organization_id, user_id, created_at desc);
call enable_tenant_isolation('user_sessions');

create table refresh_tokens (
  organization_id uuid not null,
  token_hash      bytea not null,
  session_id      uuid not null,
  created_at      timestamptz not null default now(),
  expires_at      timestamptz not null,
  used_at         timestamptz,
  primary key (organization_id, token_hash),
  foreign key (organization_id, session_id) references user_sessions (organization_id, id) on delete cascade
);
create index refresh_tokens_session_idx on refresh_tokens (organization_id, session_id);
call enable_tenant_isolation('refresh_tokens');

create table api_keys (
  organization_id uuid not null,
  id              uuid not null default uuid_v7(),
  name            text not null,
  key_prefix      text not null,
  key_hash        bytea not null,
  scopes          text[] not null,
  created_by      uuid not null,
  created_at      timestamptz not null default now(),
  last_used_at    timestamptz,
  expires_at      timestamptz,
  revoked_at      timestamptz,
  primary key (organization_id, id),
  unique (organization_id, key_hash),
  foreign key (organization_id, created_by) references users (organization_id, id)
);
call enable_tenant_isolation('api_keys');

-- One-time codes are global: a code may verify a phone before its organization exists.
-- `scope` is the organization slug the code is for, or '' for a new registration.
create table otp_codes (
  id           uuid primary key default uuid_v7(),
  scope        text not null,
  purpose      text not null,
  target       text not null,
  code_hash    bytea not null,
  attempts     int not null default 0,
  requested_ip text,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null,
  consumed_at  timestamptz
);
create index otp_codes_target_idx on otp_codes (scope, target, created_at desc);

create table audit_logs (
  organization_id uuid not null,
  id              uuid not null default uuid_v7(),
  user_id         uuid,
  impersonated_by uuid,
  action          text not null,
  resource_type   text not null,
  resource_id     text,
  before          jsonb,
  after           jsonb,
  ip_address      text,
  user_agent      text,
  created_at      timestamptz not null default now(),
  primary key (organization_id, id)
);
create index audit_logs_created_idx on audit_logs (organization_id, created_at desc);
create index audit_logs_resource_idx on audit_logs (organization_id, resource_type, resource_id);
call enable_tenant_isolation('audit_logs');

-- What the recording message adapters would have sent (embedded default): OTPs, invitations.
-- Global because a message may go out before its organization exists (registration OTP).
create table recorded_messages (
  id            uuid primary key default uuid_v7(),
  for_organization uuid,
  channel       text not null,
  recipient     text not null,
  subject       text,
  body          text not null,
  created_at    timestamptz not null default now()
);
create index recorded_messages_org_idx on recorded_messages (for_organization, created_at desc);
