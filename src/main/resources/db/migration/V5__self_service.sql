-- Self-service: rate limits of one-time codes count recent codes per target across scopes, and the
-- audit log is filtered by actor and action.
create index otp_codes_target_created_idx on otp_codes (target, created_at desc);
create index audit_logs_user_idx on audit_logs (organization_id, user_id, created_at desc);
create index audit_logs_action_idx on audit_logs (organization_id, action, created_at desc);
