package com.educonsult.crm.leads;

import java.util.Set;
import java.util.UUID;

/** One status of the organization's pipeline, with the statuses a lead may move to from it (empty: any). */
public record LeadStatus(UUID id, String code, String name, String color, int position, boolean isDefault, boolean isWon,
        boolean isLost, Integer slaHours, boolean active, Set<UUID> allowedNextStatusIds) {

    /** How a lead shows its status. */
    public record Ref(UUID id, String code, String name, String color, boolean isWon, boolean isLost) {
    }

    Ref ref() {
        return new Ref(id, code, name, color, isWon, isLost);
    }
}
