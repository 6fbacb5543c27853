package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEAD_FORM_FIELDS;

import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.cache.SharedCaches;
import com.educonsult.crm.platform.cache.TableCache;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The organization's extra lead fields, and the check of a lead's custom values against them. */
@Service
public class LeadForm {

    public static final String TYPES = "text|number|date|select|multiselect|phone|email|boolean";

    public record FormField(
            @NotNull @Pattern(regexp = StatusRequests.CODE, message = "must be lower case letters, digits and _") String key,
            @NotBlank @Size(max = 200) String label,
            @NotNull @Pattern(regexp = TYPES, message = "must be one of " + TYPES) String type,
            Boolean required,
            @Size(max = 200) List<@NotBlank @Size(max = 200) String> options,
            @Min(0) @Max(10_000) Integer position) {
    }

    public record Definition(@NotNull @Size(max = 200) List<@NotNull @Valid FormField> fields) {
    }

    private final DSLContext db;
    private final AuditTrail audit;

    /** Each organization's form, read by every lead write. */
    private final TableCache<String, List<FormField>> forms;

    LeadForm(DSLContext db, AuditTrail audit, SharedCaches caches) {
        this.db = db;
        this.forms = caches.cache("lead forms", java.util.Set.of("lead_form_fields"), 10_000);
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<FormField> definition(UUID organizationId) {
        return fields(organizationId);
    }

    @Transactional
    public List<FormField> replace(UUID organizationId, Definition definition) {
        forms.changed(organizationId);
        List<FieldError> errors = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < definition.fields().size(); i++) {
            FormField field = definition.fields().get(i);
            if (!keys.add(field.key())) {
                errors.add(new FieldError("fields[" + i + "].key", "appears more than once"));
            }
            boolean choice = field.type().equals("select") || field.type().equals("multiselect");
            if (choice && (field.options() == null || field.options().isEmpty())) {
                errors.add(new FieldError("fields[" + i + "].options", "are required for a " + field.type() + " field"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid form definition", errors);
        }
        List<FormField> before = fields(organizationId);
        db.deleteFrom(LEAD_FORM_FIELDS).where(LEAD_FORM_FIELDS.ORGANIZATION_ID.eq(organizationId)).execute();
        int index = 0;
        for (FormField field : definition.fields()) {
            db.insertInto(LEAD_FORM_FIELDS)
                    .set(LEAD_FORM_FIELDS.ORGANIZATION_ID, organizationId)
                    .set(LEAD_FORM_FIELDS.KEY, field.key())
                    .set(LEAD_FORM_FIELDS.LABEL, field.label().trim())
                    .set(LEAD_FORM_FIELDS.TYPE, field.type())
                    .set(LEAD_FORM_FIELDS.REQUIRED, Boolean.TRUE.equals(field.required()))
                    .set(LEAD_FORM_FIELDS.OPTIONS, field.options() == null ? new String[0]
                            : field.options().stream().map(String::trim).toArray(String[]::new))
                    .set(LEAD_FORM_FIELDS.POSITION, field.position() == null ? index : field.position())
                    .execute();
            index++;
        }
        List<FormField> after = fields(organizationId);
        audit.record("lead_form.replaced", "lead_form", organizationId, before, after);
        return after;
    }

    /**
     * The custom values checked against the form and normalized (phones E.164, emails lower case); 422 naming
     * {@code custom_fields.<key>} for the first problems found.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Map<String, Object> check(UUID organizationId, Map<String, Object> values, String phoneRegion) {
        return check(fieldsByKey(organizationId), values, phoneRegion, true);
    }

    /** The form's fields by key, for checking many leads against one read of the form. */
    @Transactional(propagation = Propagation.MANDATORY)
    Map<String, FormField> fieldsByKey(UUID organizationId) {
        Map<String, FormField> form = new LinkedHashMap<>();
        fields(organizationId).forEach(f -> form.put(f.key(), f));
        return form;
    }

    /** As {@link #check(UUID, Map, String)} against a form read before; required fields only when asked. */
    static Map<String, Object> check(Map<String, FormField> form, Map<String, Object> values, String phoneRegion,
            boolean requireRequired) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            FormField field = form.get(entry.getKey());
            String name = "custom_fields." + entry.getKey();
            if (field == null) {
                errors.add(new FieldError(name, "is not a field of the lead form"));
            } else if (entry.getValue() != null) {
                try {
                    checked.put(entry.getKey(), value(field, entry.getValue(), phoneRegion));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(name, e.getMessage()));
                }
            }
        }
        if (requireRequired) {
            errors.addAll(missingRequired(form, checked));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid custom fields: "
                    + String.join(", ", errors.stream().map(FieldError::field).distinct().toList()), errors);
        }
        return checked;
    }

    /** The required fields of the form that the checked values leave empty. */
    static List<FieldError> missingRequired(Map<String, FormField> form, Map<String, Object> checked) {
        List<FieldError> errors = new ArrayList<>();
        for (FormField field : form.values()) {
            Object value = checked.get(field.key());
            boolean empty = value == null || (value instanceof String s && s.isBlank())
                    || (value instanceof List<?> l && l.isEmpty());
            if (Boolean.TRUE.equals(field.required()) && empty) {
                errors.add(new FieldError("custom_fields." + field.key(), "is required"));
            }
        }
        return errors;
    }

    private static Object value(FormField field, Object value, String phoneRegion) {
        return switch (field.type()) {
            case "number" -> {
                if (!(value instanceof Number number)) {
                    throw new IllegalArgumentException("must be a number");
                }
                yield number;
            }
            case "boolean" -> {
                if (!(value instanceof Boolean bool)) {
                    throw new IllegalArgumentException("must be true or false");
                }
                yield bool;
            }
            case "date" -> {
                try {
                    yield LocalDate.parse(text(value)).toString();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("must be a date like 2025-01-31");
                }
            }
            case "select" -> {
                String choice = text(value);
                if (!field.options().contains(choice)) {
                    throw new IllegalArgumentException("must be one of " + String.join(", ", field.options()));
                }
                yield choice;
            }
            case "multiselect" -> {
                if (!(value instanceof List<?> list)) {
                    throw new IllegalArgumentException("must be a list of options");
                }
                List<String> choices = new ArrayList<>();
                for (Object item : list) {
                    String choice = item instanceof String s ? s : null;
                    if (choice == null || !field.options().contains(choice)) {
                        throw new IllegalArgumentException("must contain only " + String.join(", ", field.options()));
                    }
                    if (!choices.contains(choice)) {
                        choices.add(choice);
                    }
                }
                yield choices;
            }
            case "phone" -> PhoneNumbers.normalize(text(value), phoneRegion)
                    .orElseThrow(() -> new IllegalArgumentException("is not a valid phone number"));
            case "email" -> {
                String email = text(value).trim().toLowerCase();
                if (!email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$") || email.length() > 254) {
                    throw new IllegalArgumentException("is not a valid email address");
                }
                yield email;
            }
            default -> {
                String text = text(value);
                if (text.length() > 5000) {
                    throw new IllegalArgumentException("must be at most 5000 characters");
                }
                yield text;
            }
        };
    }

    private static String text(Object value) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("must be text");
        }
        return text;
    }

    private List<FormField> fields(UUID organizationId) {
        return forms.get(organizationId, "form", () -> read(organizationId));
    }

    private List<FormField> read(UUID organizationId) {
        return db.selectFrom(LEAD_FORM_FIELDS).where(LEAD_FORM_FIELDS.ORGANIZATION_ID.eq(organizationId))
                .orderBy(LEAD_FORM_FIELDS.POSITION, LEAD_FORM_FIELDS.KEY)
                .fetch(r -> new FormField(r.getKey(), r.getLabel(), r.getType(), r.getRequired(),
                        List.of(r.getOptions()), r.getPosition()))
                .stream().toList();
    }
}
