package com.educonsult.crm.integrations;

import com.educonsult.crm.platform.TenantContext;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work of an organization in a transaction of its own, apart from the caller's: what records a failure must stay
 * when the failed work rolls back.
 */
@Component
class OwnTransaction {

    private final TransactionTemplate transactions;

    OwnTransaction(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    <T> T callAs(UUID organizationId, Supplier<T> work) {
        UUID previous = TenantContext.current().orElse(null);
        TenantContext.set(organizationId);
        try {
            return transactions.execute(status -> work.get());
        } finally {
            if (previous == null) {
                TenantContext.clear();
            } else {
                TenantContext.set(previous);
            }
        }
    }

    void runAs(UUID organizationId, Runnable work) {
        callAs(organizationId, () -> {
            work.run();
            return null;
        });
    }
}
