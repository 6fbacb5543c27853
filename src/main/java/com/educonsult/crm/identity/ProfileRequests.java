package com.educonsult.crm.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Request bodies of the profile endpoints. */
final class ProfileRequests {

    private ProfileRequests() {
    }

    /**
     * A change of one's profile, read as a JSON merge patch: an absent field stays, null or an empty string clears
     * it, and the given preference keys are merged into the stored ones (a null value removes a key).
     */
    record Update(
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @Size(max = 40) String phone,
            @Size(max = 200) String designation,
            @Size(max = 200) String department,
            @Size(max = 2000) String avatarUrl,
            Map<String, Object> preferences) {
    }

    record ChangePassword(
            @NotBlank @Size(max = 128) String currentPassword,
            @NotBlank String newPassword) {
    }
}
