package com.educonsult.crm.platform.db;

import com.educonsult.crm.platform.TenantContext;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Every transaction starts by telling PostgreSQL its tenant, so row-level security applies to it. It also marks
 * when it commits, so that rows gathered for the commit ({@link AtCommit}) are written then and only then.
 */
public class TenantAwareTransactionManager extends JdbcTransactionManager {

    public TenantAwareTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        TenantSession.apply(connection, TenantContext.current().orElse(null));
    }

    @Override
    protected void prepareForCommit(DefaultTransactionStatus status) {
        super.prepareForCommit(status);
        if (status.isNewTransaction()) {
            AtCommit.committing();
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        AtCommit.completed();
        super.doCleanupAfterCompletion(transaction);
    }
}
