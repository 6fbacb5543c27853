package com.educonsult.crm.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the branch endpoints. */
public final class BranchRequests {

    private BranchRequests() {
    }

    public record Create(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 50) String code,
            @Size(max = 500) String address,
            @Size(max = 100) String city,
            @Size(max = 40) String phone,
            @Email @Size(max = 254) String email,
            Boolean active) {
    }

    /** A change, read as a JSON merge patch: an absent field stays, null or an empty text clears an optional field. */
    public record Update(
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) String name,
            @Size(max = 50) String code,
            @Size(max = 500) String address,
            @Size(max = 100) String city,
            @Size(max = 40) String phone,
            @Email @Size(max = 254) String email,
            Boolean active) {
    }
}
