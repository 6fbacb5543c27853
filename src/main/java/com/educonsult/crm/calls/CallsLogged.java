package com.educonsult.crm.calls;

import java.util.List;
import java.util.UUID;

/**
 * The calls of one sync batch that were stored for the first time and matched a lead, published once per batch
 * inside the sync's transaction (listeners write in bulk: a batch may carry hundreds of calls).
 */
public record CallsLogged(UUID organizationId, UUID userId, List<CallLogged> calls) {
}
