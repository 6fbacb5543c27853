package com.educonsult.crm.leads;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a lead is looking for, with the names and contacts needed to address them: for other modules that
 * match courses to a lead or write to a lead (templates).
 */
public record LeadProfile(UUID id, UUID organizationId, String firstName, String lastName, String phone,
        String email, String studentName, String parentName, List<String> interestedCourses,
        List<String> preferredCountries, List<String> preferredInstitutions, BigDecimal budgetMin,
        BigDecimal budgetMax, String budgetCurrency, String intakePreference, String city, UUID assignedTo,
        UUID statusId, Map<String, Object> customFields) {

    public LeadProfile {
        interestedCourses = interestedCourses == null ? List.of() : List.copyOf(interestedCourses);
        preferredCountries = preferredCountries == null ? List.of() : List.copyOf(preferredCountries);
        preferredInstitutions = preferredInstitutions == null ? List.of() : List.copyOf(preferredInstitutions);
        customFields = customFields == null ? Map.of() : Collections.unmodifiableMap(customFields);
    }

    public String fullName() {
        return lastName == null || lastName.isBlank() ? firstName : firstName + " " + lastName;
    }
}
