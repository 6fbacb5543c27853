-- Lead imports run set-based: each batch of rows is copied into a staging table, matched against the
-- organization's leads and merged into leads by a few statements. What an import did to each lead is kept, so that
-- the import can be undone within a day of finishing.

alter table lead_imports
  add column undone_at   timestamptz,
  add column undone_by   uuid,
  add column undo_result jsonb,
  add foreign key (organization_id, undone_by) references users (organization_id, id) on delete set null (undone_by);

-- One batch of checked, normalized rows between the copy and the merge; emptied by the batch's own transaction, so
-- never needed after a crash (unlogged: not written to the WAL).
create unlogged table lead_import_rows (
  organization_id        uuid not null,
  import_id              uuid not null,
  row_number             int not null,
  action                 text not null check (action in ('create', 'update')),
  lead_id                uuid not null,
  branch_id              uuid,
  status_id              uuid,
  first_name             text,
  last_name              text,
  phone                  text,
  secondary_phone        text,
  email                  text,
  gender                 text,
  city                   text,
  state                  text,
  country                text,
  student_name           text,
  parent_name            text,
  parent_phone           text,
  relationship           text,
  date_of_birth          date,
  current_education      text,
  current_institution    text,
  percentage             numeric(5, 2),
  stream                 text,
  graduation_year        int,
  interested_courses     text[],
  preferred_countries    text[],
  preferred_institutions text[],
  budget_min             numeric(14, 2),
  budget_max             numeric(14, 2),
  budget_currency        char(3),
  intake_preference      text,
  priority               text,
  source                 text,
  source_details         text,
  tags                   text[],
  platform               text,
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
  last_contact_date      timestamptz,
  next_follow_up_date    timestamptz,
  reminder_note          text,
  custom_fields          jsonb,
  primary key (organization_id, import_id, row_number)
);
call enable_tenant_isolation('lead_import_rows');

-- Each lead an import created or changed: for an update, the lead as it was before (the first change of the import
-- wins); written_at is the time of the import's write, so a lead changed since can be told apart.
create table lead_import_changes (
  organization_id uuid not null,
  import_id       uuid not null,
  row_number      int not null,
  lead_id         uuid not null,
  action          text not null check (action in ('created', 'updated')),
  before          jsonb,
  written_at      timestamptz not null,
  primary key (organization_id, import_id, row_number),
  foreign key (organization_id, import_id) references lead_imports (organization_id, id) on delete cascade
);
call enable_tenant_isolation('lead_import_changes');
