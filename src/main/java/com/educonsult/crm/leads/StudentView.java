package com.educonsult.crm.leads;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A student with the lead they came from (id, name, phone, email). */
record StudentView(UUID id, UUID leadId, String leadName, String phone, String email, String status, String course,
        String institution, String country, String intake, LocalDate enrolledAt, BigDecimal feeTotal,
        String feeCurrency, Integer installments, String notes, UUID createdBy, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
