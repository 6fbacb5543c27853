package com.educonsult.crm.leads;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the stage endpoints. */
final class StageRequests {

    private StageRequests() {
    }

    /** Names the new status by id or by code. */
    record ChangeStatus(
            @NotNull UUID leadId,
            UUID statusId,
            @Pattern(regexp = StatusRequests.CODE, message = "must be a status code") String status,
            @Size(max = 5000) String notes,
            @Size(max = 500) String nextAction) {
    }

    /** Absent fields stay; an empty text clears. */
    record UpdateNotes(
            @NotNull UUID stageId,
            @Size(max = 5000) String notes,
            @Size(max = 500) String nextAction) {
    }
}
