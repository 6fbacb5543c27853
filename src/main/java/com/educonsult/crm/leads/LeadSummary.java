package com.educonsult.crm.leads;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The few facts about a lead that other modules need. */
public record LeadSummary(UUID id, UUID organizationId, String firstName, String lastName, String phone,
        String email, UUID assignedTo, UUID branchId, UUID statusId, OffsetDateTime nextFollowUpDate) {

    public String fullName() {
        return lastName == null || lastName.isBlank() ? firstName : firstName + " " + lastName;
    }
}
