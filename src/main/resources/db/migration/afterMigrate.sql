-- Runs after every migration: the application role may read and write data, never change the schema.
grant select, insert, update, delete on all tables in schema public to ${app_role};
grant usage, select on all sequences in schema public to ${app_role};
grant execute on all functions in schema public to ${app_role};
