package com.educonsult.crm.leads;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Engagement decided in a transaction that goes on to add call statistics to the same leads (a synced batch of
 * calls): it waits here so that the statistics update writes it in the same statement, one lock and one write per
 * lead, and whatever no statistics update took is written just before commit.
 */
final class PendingEngagement {

    private static final Object KEY = new Object();

    private record Pending(UUID organizationId, Map<UUID, String> byLead) {
    }

    private PendingEngagement() {
    }

    /** Keeps the engagement for later in the transaction; false when there is no transaction to wait for. */
    static boolean defer(UUID organizationId, Map<UUID, String> engagementByLead,
            Consumer<Map<UUID, String>> writeLeftover) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return false;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(KEY);
        if (pending == null) {
            pending = new Pending(organizationId, new HashMap<>());
            bind(pending, writeLeftover);
        } else if (!pending.organizationId().equals(organizationId)) {
            return false;
        }
        pending.byLead().putAll(engagementByLead);
        return true;
    }

    /** Removes and answers the waiting engagement of these leads. */
    static Map<UUID, String> take(UUID organizationId, Collection<UUID> leadIds) {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(KEY);
        if (pending == null || !pending.organizationId().equals(organizationId)) {
            return Map.of();
        }
        Map<UUID, String> taken = new HashMap<>();
        for (UUID leadId : leadIds) {
            String engagement = pending.byLead().remove(leadId);
            if (engagement != null) {
                taken.put(leadId, engagement);
            }
        }
        return taken;
    }

    private static void bind(Pending pending, Consumer<Map<UUID, String>> writeLeftover) {
        TransactionSynchronizationManager.bindResource(KEY, pending);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                if (!pending.byLead().isEmpty()) {
                    Map<UUID, String> leftover = Map.copyOf(pending.byLead());
                    pending.byLead().clear();
                    writeLeftover.accept(leftover);
                }
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
            }
        });
    }
}
