-- The lead field each CSV column of an import went to, remembered per organization by the column's normalized
-- header, so the next file with the same columns is mapped as the last one was. A null field: the column was left
-- out on purpose.

create table import_column_choices (
  organization_id uuid not null references organizations (id) on delete cascade,
  column_key      text not null check (length(column_key) between 1 and 200),
  field           text check (field is null or length(field) between 1 and 120),
  updated_at      timestamptz not null default now(),
  primary key (organization_id, column_key)
);
call enable_tenant_isolation('import_column_choices');
