package com.educonsult.crm.leads;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request bodies of the status endpoints. */
public final class StatusRequests {

    static final String CODE = "^[a-z][a-z0-9_]{0,49}$";
    static final String COLOR = "^#[0-9A-Fa-f]{6}$";

    private StatusRequests() {
    }

    public record Create(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Pattern(regexp = CODE, message = "must be lower case letters, digits and _") String code,
            @Pattern(regexp = COLOR, message = "must be a colour like #2196F3") String color,
            @Min(0) @Max(10_000) Integer position,
            Boolean isDefault,
            Boolean isWon,
            Boolean isLost,
            @Min(1) @Max(8_760) Integer slaHours,
            Boolean active,
            @Size(max = 100) List<@NotNull UUID> allowedNextStatusIds) {
    }

    /**
     * A change (JSON merge patch): an absent field stays; sla_hours null or 0 removes the SLA; null or an empty
     * allowed list allows all.
     */
    public record Update(
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 100) String name,
            @Pattern(regexp = CODE, message = "must be lower case letters, digits and _") String code,
            @Pattern(regexp = COLOR, message = "must be a colour like #2196F3") String color,
            @Min(0) @Max(10_000) Integer position,
            Boolean isDefault,
            Boolean isWon,
            Boolean isLost,
            @Min(0) @Max(8_760) Integer slaHours,
            Boolean active,
            @Size(max = 100) List<@NotNull UUID> allowedNextStatusIds) {
    }

    public record SwitchPipeline(
            @NotNull @Pattern(regexp = "education|sales", message = "must be education or sales") String pipeline) {
    }
}
