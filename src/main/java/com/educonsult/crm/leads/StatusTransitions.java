package com.educonsult.crm.leads;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pipeline's rule for moving a lead: to another active status, and only to one the current status lists
 * among its allowed next statuses; a status that lists none allows every status.
 */
final class StatusTransitions {

    private final Map<UUID, LeadStatus> statuses;

    StatusTransitions(Collection<LeadStatus> statuses) {
        this.statuses = statuses.stream().collect(Collectors.toMap(LeadStatus::id, Function.identity()));
    }

    boolean allows(UUID fromId, UUID toId) {
        LeadStatus to = statuses.get(toId);
        if (to == null || !to.active() || toId.equals(fromId)) {
            return false;
        }
        LeadStatus from = statuses.get(fromId);
        return from == null || from.allowedNextStatusIds().isEmpty() || from.allowedNextStatusIds().contains(toId);
    }

    /** The statuses a lead in the given status may move to, in pipeline order. */
    List<LeadStatus> nextFrom(UUID fromId) {
        return statuses.values().stream()
                .filter(s -> allows(fromId, s.id()))
                .sorted(Comparator.comparingInt(LeadStatus::position).thenComparing(LeadStatus::code))
                .toList();
    }
}
