-- Runs after every migrate, also when there was nothing to apply: the application role may read and write the
-- tables the migrations made, never change the schema. Only what the migrating role owns is granted (a table
-- someone else created in the schema is not ours to grant, and granting it would fail), and only what the
-- application role lacks, so a start with nothing new changes no catalog row.
do $$
declare
  app_role constant regrole := '${app_role}';
  missing record;
begin
  for missing in
    select c.oid::regclass as relation, c.relkind
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relowner = current_user::regrole
      and ((c.relkind in ('r', 'p') and not has_table_privilege(app_role, c.oid, 'select, insert, update, delete'))
        or (c.relkind = 'S' and not has_sequence_privilege(app_role, c.oid, 'usage, select')))
  loop
    execute format(case when missing.relkind = 'S' then 'grant usage, select on sequence %s to %s'
                        else 'grant select, insert, update, delete on table %s to %s' end,
                   missing.relation, app_role);
  end loop;
  for missing in
    select p.oid::regprocedure as routine, p.prokind
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proowner = current_user::regrole
      and not has_function_privilege(app_role, p.oid, 'execute')
  loop
    execute format('grant execute on %s %s to %s', case when missing.prokind = 'p' then 'procedure' else 'function' end,
                   missing.routine, app_role);
  end loop;
end
$$;
