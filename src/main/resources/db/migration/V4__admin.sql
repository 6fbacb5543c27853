-- Administration of users: the one-time tokens with which an invited user sets their first password.
-- Only the SHA-256 of a token is kept; the token itself is sent once, in the invitation message.
create table user_invitations (
  organization_id uuid not null,
  token_hash      bytea not null,
  user_id         uuid not null,
  created_at      timestamptz not null default now(),
  expires_at      timestamptz not null,
  accepted_at     timestamptz,
  primary key (organization_id, token_hash),
  foreign key (organization_id, user_id) references users (organization_id, id) on delete cascade
);
create index user_invitations_user_idx on user_invitations (organization_id, user_id);
call enable_tenant_isolation('user_invitations');
