package com.educonsult.crm.leads;

import com.educonsult.crm.identity.DemoOrganizationSeeded;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The demo organization's leads exist, with their assignments and stage history dated in the past. Published
 * inside the seeding transaction, so that other modules add their demo data for these leads (notes, tasks, calls)
 * and date what the lead events made them record.
 */
public record DemoLeadsSeeded(DemoOrganizationSeeded organization, List<DemoLead> leads) {

    /**
     * One demo lead, in the fixed order it was generated.
     *
     * @param assignedTo the owner, or null for a lead still waiting in its branch's queue
     * @param history the statuses the lead entered, first the one it was created in, with when
     */
    public record DemoLead(UUID id, String firstName, String fullName, String phone, UUID branchId, UUID assignedTo,
            String course, OffsetDateTime createdAt, OffsetDateTime assignedAt, List<StatusEntered> history) {

        public StatusEntered current() {
            return history.getLast();
        }
    }

    public record StatusEntered(UUID statusId, String statusCode, OffsetDateTime at) {
    }
}
