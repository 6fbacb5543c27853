-- Token buckets of the rate limits, shared by all nodes (Bucket4j's PostgreSQL layout). Global: keys name
-- a user, an API key or a client address, e.g. 'user:<uuid>', 'apikey:<uuid>', 'ip:203.0.113.7:auth/login'.

create table rate_limit_buckets (
  id         text primary key,
  state      bytea,
  expires_at bigint          -- epoch milliseconds after which the bucket is full again and may be dropped
);
create index rate_limit_buckets_expires_at_idx on rate_limit_buckets (expires_at);
