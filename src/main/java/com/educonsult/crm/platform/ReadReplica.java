package com.educonsult.crm.platform;

import com.educonsult.crm.platform.db.TenantAwareTransactionManager;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where analytics and reports read: a read-only transaction on the streaming replica named by
 * {@code DATABASE_REPLICA_URL}, or on the primary when there is none. The transaction carries its organization
 * like any other (row-level security holds on the replica too), so a query given here sees only that
 * organization's rows. Use the {@link DSLContext} handed to the query, never the primary's: only it runs on the
 * replica's transaction.
 *
 * <p>A replica answers what the primary committed a moment ago (usually milliseconds, more under load): read here
 * figures that may trail a write by that much, never what a request must see right after it wrote it.
 */
public final class ReadReplica {

    private final DSLContext db;
    private final TransactionTemplate reads;
    private final boolean onReplica;

    private ReadReplica(DSLContext db, PlatformTransactionManager transactions, boolean onReplica) {
        this.db = db;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.reads.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.onReplica = onReplica;
    }

    /** Reads from the replica reached through {@code replica} (a pool of the application's role on it). */
    public static ReadReplica onReplica(DataSource replica) {
        DSLContext db = DSL.using(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(replica)),
                SQLDialect.POSTGRES);
        return new ReadReplica(db, new TenantAwareTransactionManager(replica), true);
    }

    /**
     * Reads from the primary, for a server without a replica. A read made inside a transaction of the primary
     * joins it (and its organization).
     */
    public static ReadReplica onPrimary(DSLContext db, PlatformTransactionManager transactions) {
        return new ReadReplica(db, transactions, false);
    }

    /** Runs the query for the organization of the current request or job. */
    public <T> T read(Function<DSLContext, T> query) {
        return readAs(TenantContext.require(), query);
    }

    /** Runs the query in a read-only transaction of the given organization, restoring the thread's tenant after. */
    public <T> T readAs(UUID organizationId, Function<DSLContext, T> query) {
        UUID previous = TenantContext.current().orElse(null);
        TenantContext.set(organizationId);
        try {
            return reads.execute(status -> query.apply(db));
        } finally {
            if (previous == null) {
                TenantContext.clear();
            } else {
                TenantContext.set(previous);
            }
        }
    }

    /** Whether reads go to a replica (false: to the primary). */
    public boolean onReplica() {
        return onReplica;
    }
}
