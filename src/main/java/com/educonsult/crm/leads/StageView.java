package com.educonsult.crm.leads;

import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.jooq.tables.records.LeadStagesRecord;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A lead's stay in one status: when it entered and left, who moved it, and whether the status's SLA was missed. */
public record StageView(UUID id, UUID leadId, LeadStatus.Ref status, OffsetDateTime enteredAt, OffsetDateTime exitedAt,
        Long durationSeconds, OffsetDateTime slaDueAt, boolean slaBreached, UUID changedBy, String changedByName,
        String notes, String nextAction) {

    static StageView of(LeadStagesRecord stage, Map<UUID, LeadStatus> statuses, Map<UUID, UserSummary> users,
            OffsetDateTime now) {
        LeadStatus status = statuses.get(stage.getStatusId());
        OffsetDateTime end = stage.getExitedAt() == null ? now : stage.getExitedAt();
        boolean breached = stage.getSlaDueAt() != null && end.isAfter(stage.getSlaDueAt());
        UserSummary by = stage.getChangedBy() == null ? null : users.get(stage.getChangedBy());
        return new StageView(stage.getId(), stage.getLeadId(), status == null ? null : status.ref(),
                stage.getEnteredAt(), stage.getExitedAt(), stage.getDurationSeconds(), stage.getSlaDueAt(), breached,
                stage.getChangedBy(), by == null ? null : by.fullName(), stage.getNotes(), stage.getNextAction());
    }
}
