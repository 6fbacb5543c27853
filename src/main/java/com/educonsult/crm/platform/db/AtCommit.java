package com.educonsult.crm.platform.db;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows a transaction adds one by one (audit entries, notifications) and writes together, in one statement just
 * before it commits (after every before-commit listener, so their rows are in it too): a transaction that adds a
 * hundred costs one round trip, not a hundred. A rolled back transaction writes none. Outside a transaction, or
 * once its rows are written, a row is written at once.
 */
public final class AtCommit<T> {

    /** Bound while the current transaction commits (see {@link TenantAwareTransactionManager}). */
    private static final Object COMMITTING = new Object();

    private final Consumer<List<T>> write;

    public AtCommit(Consumer<List<T>> write) {
        this.write = write;
    }

    static void committing() {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.hasResource(COMMITTING)) {
            TransactionSynchronizationManager.bindResource(COMMITTING, Boolean.TRUE);
        }
    }

    static void completed() {
        TransactionSynchronizationManager.unbindResourceIfPossible(COMMITTING);
    }

    public void add(T row) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write.accept(List.of(row));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        if (pending.written) {
            write.accept(List.of(row));
        } else {
            pending.rows.add(row);
        }
    }

    private final class Pending implements TransactionSynchronization {
        private final List<T> rows = new ArrayList<>();
        private boolean committing;
        private boolean written;

        @Override
        public void beforeCommit(boolean readOnly) {
            committing = true;
        }

        /** Runs after every before-commit callback, also those registered by them; on rollback too (then writes nothing). */
        @Override
        public void beforeCompletion() {
            if (committing || TransactionSynchronizationManager.hasResource(COMMITTING)) {
                written = true;
                if (!rows.isEmpty()) {
                    write.accept(List.copyOf(rows));
                }
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AtCommit.this);
        }
    }
}
