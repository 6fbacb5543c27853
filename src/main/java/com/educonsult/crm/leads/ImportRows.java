package com.educonsult.crm.leads;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.JsonNames;
import com.educonsult.crm.platform.web.MergePatch;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads import rows as the API reads a lead: the row's body through the same JSON binding and validation as a
 * request, then normalized by the same code that writes a lead ({@link Leads#write}), custom values checked against
 * the form, status and branch resolved. Pure Java for each row; the organization's form, pipeline and branches are
 * read once per batch.
 */
@Component
class ImportRows {

    /** What reading rows needs of the organization, read once per batch. */
    record Context(UUID organizationId, ImportMapping mapping, String region, Map<String, LeadForm.FormField> form,
            List<LeadStatus> pipeline, Map<UUID, Boolean> branches) {
    }

    private final JsonMapper json;
    private final Validator validator;
    private final LeadStatuses statuses;
    private final LeadForm form;
    private final UserDirectory users;

    ImportRows(JsonMapper json, Validator validator, LeadStatuses statuses, LeadForm form, UserDirectory users) {
        this.json = json;
        this.validator = validator;
        this.statuses = statuses;
        this.form = form;
        this.users = users;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Context context(UUID organizationId, ImportMapping mapping) {
        return new Context(organizationId, mapping, users.phoneRegion(organizationId),
                form.fieldsByKey(organizationId), statuses.all(organizationId), new HashMap<>());
    }

    /** The row read, or rejected with the reason the API would give (fields named). */
    @Transactional(propagation = Propagation.MANDATORY)
    ImportRow read(Context context, List<String> header, int number, List<String> cells) {
        try {
            LeadRequest request = request(context.mapping().body(header, cells));
            if (request.firstName() == null) {
                throw ApiException.invalid("first_name", "must not be blank");
            }
            checkBranch(context, request.branchId());
            LeadsRecord values = new LeadsRecord();
            Leads.write(values, request, MergePatch.nullKeeps(), context.region());
            Map<String, Object> custom = LeadForm.check(context.form(),
                    request.customFields() == null ? Map.of() : request.customFields(), context.region(), false);
            var missing = LeadForm.missingRequired(context.form(), custom);
            return ImportRow.read(number, cells, values, custom, status(context, request), missing.isEmpty() ? null
                    : missing.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")));
        } catch (ApiException e) {
            return ImportRow.rejected(number, cells, reason(e));
        }
    }

    static String reason(ApiException e) {
        if (e.errors().isEmpty()) {
            return e.getMessage();
        }
        return e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    }

    /** The row as the API would take it, with the API's validation; 422 naming the field otherwise. */
    private LeadRequest request(Map<String, Object> body) {
        LeadRequest request;
        try {
            request = json.convertValue(body, LeadRequest.class);
        } catch (JacksonException e) {
            String field = e instanceof DatabindException d && !d.getPath().isEmpty()
                    ? d.getPath().getFirst().getPropertyName() : "row";
            throw ApiException.invalid(field == null ? "row" : field, "has a value of the wrong type");
        }
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<LeadRequest> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            String field = JsonNames.snakeCase(first.getPropertyPath().iterator().next().getName());
            throw ApiException.invalid(field, first.getMessage());
        }
        return request;
    }

    private void checkBranch(Context context, UUID branchId) {
        if (branchId != null && !context.branches().computeIfAbsent(branchId,
                id -> users.branchExists(context.organizationId(), id))) {
            throw ApiException.invalid("branch_id", "is not a branch of the organization");
        }
    }

    /** As {@link LeadStatuses#resolve}, against the pipeline read for the batch. */
    private static LeadStatus status(Context context, LeadRequest request) {
        if (request.statusId() != null) {
            return context.pipeline().stream().filter(s -> s.id().equals(request.statusId()) && s.active())
                    .findFirst()
                    .orElseThrow(() -> ApiException.invalid("status_id", "is not an active status of the pipeline"));
        }
        if (request.status() != null) {
            return context.pipeline().stream().filter(s -> s.code().equals(request.status()) && s.active())
                    .findFirst()
                    .orElseThrow(() -> ApiException.invalid("status", "is not an active status of the pipeline"));
        }
        return context.pipeline().stream().filter(LeadStatus::isDefault).findFirst()
                .orElseThrow(() -> ApiException.invalid("status_id", "the organization has no default status"));
    }
}
