package com.educonsult.crm.activities;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Request bodies of the Android app's note routes. */
final class MobileNoteRequests {

    static final int MAX_PAGE_SIZE = 200;

    private MobileNoteRequests() {
    }

    /**
     * A note on a lead, optionally about one of the caller's calls, with an optional follow-up (a follow-up task
     * for the caller, titled by the reminder note) and status change. The seed's app writes this body in
     * snake_case; the camelCase spellings are accepted too.
     */
    record MobileNoteSave(
            @NotNull @JsonAlias("leadId") UUID leadId,
            @NotBlank @Size(max = 20_000) String content,
            @JsonAlias("callLogId") UUID callLogId,
            @JsonAlias("followUpDate") OffsetDateTime followUpDate,
            @Size(max = 300) @JsonAlias("reminderNote") String reminderNote,
            @JsonAlias("statusId") UUID statusId) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileNoteList(@NotNull UUID leadId, @Min(1) @Max(100_000) Integer pageNo,
            @Min(1) @Max(MAX_PAGE_SIZE) Integer pageSize) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileNotePaging(@Min(1) @Max(100_000) Integer pageNo, @Min(1) @Max(MAX_PAGE_SIZE) Integer pageSize) {
    }
}
