package com.educonsult.crm.leads;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Request bodies of the student endpoints. */
final class StudentRequests {

    static final String STATUSES = "enrolled|deferred|withdrawn|completed";

    private StudentRequests() {
    }

    /** Turns a lead into a student: what they enrolled in and the fee plan. */
    record Convert(
            @Size(max = 200) String course,
            @Size(max = 200) String institution,
            @Size(max = 100) String country,
            @Size(max = 50) String intake,
            LocalDate enrolledAt,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal feeTotal,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as INR") String feeCurrency,
            @Min(1) @Max(60) Integer installments,
            @Size(max = 5000) String notes) {
    }

    /** A change, read as a JSON merge patch: an absent field stays, null or an empty text clears an optional field. */
    record Update(
            @Pattern(regexp = STATUSES, message = "must be enrolled, deferred, withdrawn or completed") String status,
            @Size(max = 200) String course,
            @Size(max = 200) String institution,
            @Size(max = 100) String country,
            @Size(max = 50) String intake,
            LocalDate enrolledAt,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal feeTotal,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as INR") String feeCurrency,
            @Min(1) @Max(60) Integer installments,
            @Size(max = 5000) String notes) {
    }
}
