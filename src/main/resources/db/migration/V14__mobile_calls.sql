-- The Android app's call notes: where a call's note was last written (the app or the web console), so the app
-- can fetch the notes changed on the web; and the lead's note that carries a call's note (one per call).

alter table call_logs add column notes_source text check (notes_source in ('app', 'web'));
create index call_logs_web_notes_idx on call_logs (organization_id, user_id, notes_updated_at)
  where notes_source = 'web';

alter table notes add column call_id uuid;
alter table notes add foreign key (organization_id, call_id) references call_logs (organization_id, id)
  on delete set null (call_id);
create unique index notes_call_idx on notes (organization_id, call_id) where call_id is not null;
