-- Idempotency keys of the canonical API's creating requests: the first answer to a key is kept for 24 hours
-- and given again to a retry with the same key and the same request, per organization and caller.

create table idempotency_keys (
  organization_id uuid not null references organizations (id) on delete cascade,
  principal_id    uuid not null,                 -- the user, or the API key, that sent the request
  key             text not null check (length(key) between 1 and 255),
  request_hash    text not null,                 -- SHA-256 of method, path, query and body
  status          int,                           -- null while the first request is still being answered
  content_type    text,
  location        text,
  body            bytea,
  created_at      timestamptz not null default now(),
  expires_at      timestamptz not null,
  primary key (organization_id, principal_id, key)
);
create index idempotency_keys_expires_at_idx on idempotency_keys (expires_at);
call enable_tenant_isolation('idempotency_keys');
