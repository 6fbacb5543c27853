package com.educonsult.crm.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;
import com.educonsult.crm.platform.db.TenantSession;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work as one organization: sets the tenant of the thread, and of the database transaction
 * (PostgreSQL row-level security reads {@code app.organization_id}).
 */
@Component
public class Tenancy {

    private final DataSource dataSource;
    private final TransactionTemplate transactions;

    public Tenancy(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Runs the work in a new transaction of the given organization, restoring the previous tenant after. */
    public <T> T callAs(UUID organizationId, Supplier<T> work) {
        UUID previous = TenantContext.current().orElse(null);
        TenantContext.set(organizationId);
        try {
            return transactions.execute(status -> work.get());
        } finally {
            restore(previous);
        }
    }

    public void runAs(UUID organizationId, Runnable work) {
        callAs(organizationId, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Switches the current thread and its open transaction to the organization, for work that learns its
     * tenant mid-transaction (creating an organization, logging in by organization slug).
     */
    public void bind(UUID organizationId) {
        TenantContext.set(organizationId);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                TenantSession.apply(connection, organizationId);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not set the organization of the transaction", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }

    public void clear() {
        TenantContext.clear();
    }

    private static void restore(UUID previous) {
        if (previous == null) {
            TenantContext.clear();
        } else {
            TenantContext.set(previous);
        }
    }
}
