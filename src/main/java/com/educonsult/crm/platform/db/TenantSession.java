package com.educonsult.crm.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Sets the tenant of a database transaction; row-level security policies read it back. */
public final class TenantSession {

    private TenantSession() {
    }

    public static void apply(Connection connection, UUID organizationId) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("select set_config('app.organization_id', ?, true)")) {
            statement.setString(1, organizationId == null ? "" : organizationId.toString());
            statement.execute();
        }
    }
}
