package com.educonsult.crm.platform.db;

import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the application's database role could bypass row-level security: tenancy would
 * then rest on the application's filters alone.
 */
@Component
class ApplicationRoleCheck implements InitializingBean {

    private final DataSource dataSource;
    private final DatabaseProperties properties;

    ApplicationRoleCheck(DataSource dataSource, DatabaseProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        boolean bypasses = JdbcClient.create(dataSource)
                .sql("select rolsuper or rolbypassrls from pg_roles where rolname = current_user")
                .query(Boolean.class).single();
        if (bypasses && !properties.allowRlsBypass()) {
            throw new IllegalStateException("The database role of DATABASE_USER is a superuser or has BYPASSRLS, "
                    + "so row-level security would not separate organizations. Use a role created with "
                    + "NOSUPERUSER NOBYPASSRLS (see docs/operations.md), or set DATABASE_ALLOW_RLS_BYPASS=true "
                    + "to start anyway.");
        }
    }
}
