package com.educonsult.crm.leads;

import com.educonsult.crm.leads.MobileLeadJson.Assignee;
import com.educonsult.crm.leads.MobileLeadJson.Assignment;
import com.educonsult.crm.leads.MobileLeadJson.Deletion;
import com.educonsult.crm.leads.MobileLeadJson.FormComponent;
import com.educonsult.crm.leads.MobileLeadJson.Lead;
import com.educonsult.crm.leads.MobileLeadJson.LeadIdRequest;
import com.educonsult.crm.leads.MobileLeadJson.LeadPage;
import com.educonsult.crm.leads.MobileLeadJson.LeadRef;
import com.educonsult.crm.leads.MobileLeadJson.ListRequest;
import com.educonsult.crm.leads.MobileLeadJson.PhoneRequest;
import com.educonsult.crm.leads.MobileLeadJson.SaveRequest;
import com.educonsult.crm.leads.MobileLeadJson.Status;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.CursorPage;
import com.educonsult.crm.platform.web.FieldError;
import com.educonsult.crm.platform.web.JsonNames;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.MobileResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Android app's lead routes (seed 01's router): thin adapters over the canonical lead services. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Android app", description = "The call-tracking app's routes, paths and JSON as seed 01 fixes them")
class MobileLeadController {

    private static final Pattern SNAKE = Pattern.compile("_([a-z0-9])");

    private final Leads leads;
    private final LeadSearch search;
    private final LeadStatuses statuses;
    private final LeadForm form;
    private final Validator validator;

    MobileLeadController(Leads leads, LeadSearch search, LeadStatuses statuses, LeadForm form, Validator validator) {
        this.leads = leads;
        this.search = search;
        this.statuses = statuses;
        this.form = form;
        this.validator = validator;
    }

    @PostMapping("/lead/getData")
    @RequiresPermission("leads:read")
    @Operation(summary = "The caller's live leads, newest first: filters status_id, assigned_to, priority, source, "
            + "tags, branch_id, created_from/created_to, follow_up_date, search; page (from 1) and page_size "
            + "(default 20, at most 200)")
    MobileResponse<LeadPage> getData(@Valid @RequestBody(required = false) ListRequest request) {
        return MobileResponse.ok(page(request, false));
    }

    @PostMapping("/lead/notContacted")
    @RequiresPermission("leads:read")
    @Operation(summary = "The caller's live leads nobody has contacted yet, with getData's filters and paging")
    MobileResponse<LeadPage> notContacted(@Valid @RequestBody(required = false) ListRequest request) {
        return MobileResponse.ok(page(request, true));
    }

    @PostMapping("/lead/save")
    @RequiresPermission("leads:write")
    @Operation(summary = "Create a lead, or change it when leadDetails.id is given: the canonical create and change "
            + "(validation, duplicates 409 with data.existingLeadId unless leadDetails.allowDuplicate, "
            + "auto-assignment, pipeline rules)")
    MobileResponse<Lead> save(@Valid @RequestBody SaveRequest request) {
        MobileLeadJson.LeadDetails details = request.leadDetails();
        LeadRequest canonical = details.toRequest();
        check(canonical, details.id() == null);
        CurrentUser user = Authenticated.user();
        if (details.id() == null) {
            return MobileResponse.ok(Lead.of(withFields(MobileLeadController::detailsField,
                    () -> leads.create(user, canonical))), "Lead created");
        }
        return MobileResponse.ok(Lead.of(withFields(MobileLeadController::detailsField,
                () -> leads.update(user, details.id(), canonical, MergePatch.nullKeeps()))), "Lead updated");
    }

    @PostMapping("/lead/status")
    @RequiresPermission("leads:read")
    @Operation(summary = "The active statuses of the organization's pipeline, in order")
    MobileResponse<List<Status>> statuses() {
        return MobileResponse.ok(statuses.list(Authenticated.user().organizationId()).stream()
                .filter(LeadStatus::active).map(Status::of).toList());
    }

    @PostMapping("/lead/getByNumber")
    @RequiresPermission("leads:read")
    @Operation(summary = "The caller's live lead with this number (primary or secondary, any format), the newest "
            + "when several; 404 when none")
    MobileResponse<Lead> getByNumber(@Valid @RequestBody PhoneRequest request) {
        List<LeadView> found = search.byPhone(Authenticated.user(), request.phone());
        if (found.isEmpty()) {
            throw ApiException.notFound("Lead");
        }
        return MobileResponse.ok(Lead.of(found.getFirst()));
    }

    @PostMapping("/lead/isDeleted")
    @RequiresPermission("leads:delete")
    @Operation(summary = "Whether a lead (by leadId, or by number: a live lead first) is deleted")
    MobileResponse<Deletion> isDeleted(@Valid @RequestBody LeadRef request) {
        LeadView lead = find(Authenticated.user(), request, true).getFirst();
        return MobileResponse.ok(new Deletion(lead.id(), lead.deletedAt() != null, lead.deletedAt()));
    }

    @PostMapping("/lead/restore")
    @RequiresPermission("leads:delete")
    @Operation(summary = "Restore a deleted lead")
    MobileResponse<Lead> restore(@Valid @RequestBody LeadIdRequest request) {
        return MobileResponse.ok(Lead.of(leads.restore(Authenticated.user(), request.leadId())), "Lead restored");
    }

    @PostMapping("/lead/allTags")
    @RequiresPermission("leads:read")
    @Operation(summary = "The tags of the caller's live leads, most used first")
    MobileResponse<List<String>> allTags() {
        return MobileResponse.ok(search.tags(Authenticated.user()).stream().map(LeadSearch.TagCount::tag).toList());
    }

    @PostMapping("/lead/form/getDynamicComponentDetails")
    @RequiresPermission("leads:read")
    @Operation(summary = "The organization's custom lead fields, in order: key, label, type, required, options")
    MobileResponse<List<FormComponent>> dynamicForm() {
        return MobileResponse.ok(form.definition(Authenticated.user().organizationId()).stream()
                .map(FormComponent::of).toList());
    }

    @PostMapping("/lead/isAssignedToMe")
    @RequiresPermission("leads:read")
    @Operation(summary = "Whether a lead (by leadId, or by number) is assigned to the caller; 404 outside the "
            + "caller's scope")
    MobileResponse<Assignment> isAssignedToMe(@Valid @RequestBody LeadRef request) {
        CurrentUser user = Authenticated.user();
        List<LeadView> found = find(user, request, false);
        LeadView lead = found.stream().filter(l -> user.userId().equals(l.assignedTo())).findFirst()
                .orElse(found.getFirst());
        return MobileResponse.ok(new Assignment(lead.id(), user.userId().equals(lead.assignedTo()),
                lead.assignee() == null ? null : new Assignee(lead.assignee().id(), lead.assignee().fullName())));
    }

    /** A duplicate: 409 in the app's envelope, with the existing lead's id in {@code data.existingLeadId}. */
    @ExceptionHandler(DuplicateLeadException.class)
    ResponseEntity<Map<String, Object>> duplicate(DuplicateLeadException e) {
        String field = detailsField(e.errors().getFirst().field());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", false);
        body.put("message", "A lead with this " + field.substring("leadDetails.".length()) + " already exists; send "
                + "leadDetails.allowDuplicate: true to save it anyway");
        body.put("errors", List.of(new FieldError(field, e.errors().getFirst().message())));
        body.put("data", Map.of("existingLeadId", e.existingLeadId()));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    private LeadPage page(ListRequest given, boolean notContacted) {
        ListRequest request = given == null ? ListRequest.empty() : given;
        CurrentUser user = Authenticated.user();
        int size = request.size();
        int offset = (request.pageNo() - 1) * size;
        CursorPage<LeadView> page = withFields(field -> field.equals("status") ? "status_id" : field,
                () -> search.list(user, request.filter(notContacted), size, offset, null));
        long total = page.total() == null ? 0 : page.total();
        return new LeadPage(page.items().stream().map(Lead::of).toList(), total, request.pageNo(), size,
                (long) offset + page.items().size() < total);
    }

    /** The caller's leads a reference names: the lead of leadId, or the leads with the number (never empty). */
    private List<LeadView> find(CurrentUser user, LeadRef ref, boolean includeDeleted) {
        if (ref.leadId() != null) {
            return List.of(includeDeleted ? leads.getLiveOrDeleted(user, ref.leadId())
                    : leads.get(user, ref.leadId()));
        }
        if (ref.number() == null || ref.number().isBlank()) {
            throw ApiException.invalid("leadId", "give leadId or number");
        }
        List<LeadView> found = withFields(field -> field.equals("phone") ? "number" : field,
                () -> search.byPhone(user, ref.number(), includeDeleted));
        if (found.isEmpty()) {
            throw ApiException.notFound("Lead");
        }
        return found;
    }

    /** The canonical request's Bean Validation, naming the app's fields; the app's lead always has a number. */
    private void check(LeadRequest request, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        validator.validate(request).forEach(v -> errors.add(new FieldError(
                detailsField(JsonNames.snakeCase(v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", ""))),
                v.getMessage())));
        boolean blank = request.phone() == null ? creating : request.phone().isBlank();
        if (blank) {
            errors.add(new FieldError("leadDetails.number", "must not be blank"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed: " + String.join(", ",
                    errors.stream().map(FieldError::field).distinct().toList()), errors);
        }
    }

    /** A canonical (snake_case) lead field as the app names it inside leadDetails. */
    static String detailsField(String field) {
        int dot = field.indexOf('.');
        String head = dot < 0 ? field : field.substring(0, dot);
        String rest = dot < 0 ? "" : field.substring(dot);
        String name = switch (head) {
            case "phone" -> "number";
            case "secondary_phone" -> "secondaryNumber";
            default -> camelCase(head);
        };
        return "leadDetails." + name + rest;
    }

    private static String camelCase(String snake) {
        Matcher matcher = SNAKE.matcher(snake);
        StringBuilder camel = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(camel, matcher.group(1).toUpperCase(java.util.Locale.ROOT));
        }
        return matcher.appendTail(camel).toString();
    }

    /** Runs a canonical service call, renaming the fields its errors name to the app's names. */
    private static <T> T withFields(UnaryOperator<String> rename, Supplier<T> call) {
        try {
            return call.get();
        } catch (DuplicateLeadException e) {
            throw e;
        } catch (ApiException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            throw new ApiException(e.status(), e.getMessage().replace("custom_fields.", "leadDetails.customFields."),
                    e.errors().stream().map(f -> new FieldError(rename.apply(f.field()), f.message())).toList());
        }
    }
}
