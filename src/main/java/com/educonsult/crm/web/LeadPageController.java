package com.educonsult.crm.web;

import com.educonsult.crm.activities.NoteRequests;
import com.educonsult.crm.activities.Notes;
import com.educonsult.crm.activities.TaskRequests;
import com.educonsult.crm.activities.Tasks;
import com.educonsult.crm.activities.Timeline;
import com.educonsult.crm.calls.CallLogs;
import com.educonsult.crm.catalog.CourseSuggestions;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.leads.LeadDuplicates;
import com.educonsult.crm.leads.LeadForm;
import com.educonsult.crm.leads.LeadRequest;
import com.educonsult.crm.leads.LeadSelections;
import com.educonsult.crm.leads.LeadView;
import com.educonsult.crm.leads.Leads;
import com.educonsult.crm.leads.StatusChanges;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.support.Forms;
import com.educonsult.crm.web.support.LocalTimes;
import jakarta.servlet.http.HttpServletResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One lead: its profile with inline edit, status with the allowed next ones, timeline, notes, follow-ups and calls.
 * Every read and write goes through the leads and activities services with the signed-in user, so a lead outside
 * the user's scope (or another organization's) is the not-found page.
 */
@Controller
class LeadPageController {

    static final List<String> PROFILE_FIELDS = List.of("first_name", "last_name", "phone", "secondary_phone", "email",
            "city", "state", "country", "current_education", "interested_courses", "preferred_countries",
            "intake_preference", "priority", "source", "tags", "budget_min", "budget_max");
    static final Set<String> LIST_FIELDS = Set.of("interested_courses", "preferred_countries", "tags");

    private final Leads leads;
    private final StatusChanges statusChanges;
    private final Timeline timeline;
    private final Notes notes;
    private final Tasks tasks;
    private final CallLogs calls;
    private final Forms forms;
    private final LeadSelections selections;
    private final UserDirectory users;
    private final Tenancy tenancy;
    private final LeadDuplicates duplicates;
    private final CourseSuggestions courses;
    private final LeadForm leadForm;
    private final CustomFieldForms customFields;
    private final LeadWhatsAppController whatsapp;

    LeadPageController(Leads leads, StatusChanges statusChanges, Timeline timeline, Notes notes, Tasks tasks,
            CallLogs calls, Forms forms, LeadSelections selections, UserDirectory users, Tenancy tenancy,
            LeadDuplicates duplicates, CourseSuggestions courses, LeadForm leadForm, CustomFieldForms customFields,
            LeadWhatsAppController whatsapp) {
        this.whatsapp = whatsapp;
        this.leadForm = leadForm;
        this.customFields = customFields;
        this.duplicates = duplicates;
        this.courses = courses;
        this.selections = selections;
        this.leads = leads;
        this.statusChanges = statusChanges;
        this.timeline = timeline;
        this.notes = notes;
        this.tasks = tasks;
        this.calls = calls;
        this.forms = forms;
        this.users = users;
        this.tenancy = tenancy;
    }

    @GetMapping("/leads/{id}")
    @RequiresPermission("leads:read")
    String lead(@PathVariable UUID id, @RequestParam(required = false) String notice, Model model) {
        CurrentUser user = Authenticated.user();
        model.addAttribute("notice", notice == null || notice.length() > 200 ? null : notice);
        tenancy.runAs(user.organizationId(), () -> {
            LeadView lead = leads.get(user, id);
            model.addAttribute("lead", lead);
            model.addAttribute("next", statusChanges.next(user, id).nextPossibleStatuses());
            model.addAttribute("stages", statusChanges.history(user, id));
            model.addAttribute("timeline", timeline.of(user, id, 50, null, null).items());
            model.addAttribute("calls", user.can("calls:read")
                    ? calls.forLead(user, id, PageRequest.of(20, 0)).items() : List.of());
            model.addAttribute("openTasks", tasks.list(user, new Tasks.Filter(id, null, "open", null, null, null, null), PageRequest.of(20, 0)).items());
            model.addAttribute("assignees", user.can("leads:assign")
                    ? LeadListController.assignees(users, user) : List.of());
            model.addAttribute("duplicates", duplicates.of(user, id));
            model.addAttribute("courses", user.can("catalog:read") ? courses.forLead(user, id, 5) : List.of());
            model.addAttribute("customFields", leadForm.definition(user.organizationId()));
            model.addAttribute("whatsappTemplates", whatsapp.offered(user));
        });
        model.addAttribute("canWrite", Authenticated.user().can("leads:write"));
        model.addAttribute("canSend", Authenticated.user().can("messages:send")
                && Authenticated.user().can("leads:write"));
        return "leads/detail";
    }

    /** Folds a duplicate into this lead (the API's merge), then shows this lead with what it gained. */
    @PostMapping("/leads/{id}/merge")
    @RequiresPermission("leads:write")
    String merge(@PathVariable UUID id, @RequestParam("merge_lead_id") UUID mergeLeadId) {
        CurrentUser user = Authenticated.user();
        tenancy.callAs(user.organizationId(), () -> duplicates.merge(user, id, mergeLeadId));
        return "redirect:/leads/" + id + "?notice=" + java.net.URLEncoder.encode(
                "Merged: the duplicate's details, calls and history are now on this lead.",
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @GetMapping("/leads/{id}/edit")
    @RequiresPermission("leads:write")
    String editForm(@PathVariable UUID id, Model model) {
        CurrentUser user = Authenticated.user();
        model.addAttribute("lead", tenancy.callAs(user.organizationId(), () -> leads.get(user, id)));
        model.addAttribute("errors", Map.of());
        model.addAttribute("customFields", definition(user));
        return "leads/detail :: profile-form";
    }

    @GetMapping("/leads/{id}/profile")
    @RequiresPermission("leads:read")
    String profile(@PathVariable UUID id, Model model) {
        CurrentUser user = Authenticated.user();
        model.addAttribute("lead", tenancy.callAs(user.organizationId(), () -> leads.get(user, id)));
        model.addAttribute("canWrite", user.can("leads:write"));
        model.addAttribute("customFields", definition(user));
        return "leads/detail :: profile";
    }

    /** Saves the profile unless someone changed the lead since the form was opened: then says so and keeps both. */
    @PostMapping("/leads/{id}/profile")
    @RequiresPermission("leads:write")
    String saveProfile(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            @RequestParam("version") OffsetDateTime version, HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        List<LeadForm.FormField> definition = definition(user);
        model.addAttribute("customFields", definition);
        Forms.Read<LeadRequest> read = customFields.read(form, PROFILE_FIELDS, LIST_FIELDS, definition, true);
        model.addAttribute("canWrite", true);
        if (!read.valid()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, read.errors(), form, id, user);
        }
        try {
            model.addAttribute("lead", tenancy.callAs(user.organizationId(),
                    () -> leads.update(user, id, read.request(), read.patch(), version)));
            model.addAttribute("saved", true);
            return "leads/detail :: profile";
        } catch (ApiException refused) {
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, id, user);
        }
    }

    private String refused(HttpServletResponse response, Model model, HttpStatus status, Map<String, String> errors,
            MultiValueMap<String, String> form, UUID id, CurrentUser user) {
        response.setStatus(status.value());
        model.addAttribute("lead", tenancy.callAs(user.organizationId(), () -> leads.get(user, id)));
        model.addAttribute("errors", errors);
        model.addAttribute("typed", form.toSingleValueMap());
        model.addAttribute("typedAll", form);
        model.addAttribute("conflict", status == HttpStatus.CONFLICT && errors.containsKey("version"));
        return "leads/detail :: profile-form";
    }

    @PostMapping("/leads/{id}/status")
    @RequiresPermission("leads:write")
    String changeStatus(@PathVariable UUID id, @RequestParam(name = "status_id") UUID statusId,
            @RequestParam(required = false) String notes) {
        CurrentUser user = Authenticated.user();
        tenancy.runAs(user.organizationId(),
                () -> statusChanges.change(user, id, statusId, null, blankToNull(notes), null));
        return "redirect:/leads/" + id;
    }

    /** Gives the lead to another owner, by the same rules as the API's assignment (leads:assign to give it away). */
    @PostMapping("/leads/{id}/owner")
    @RequiresPermission("leads:assign")
    String changeOwner(@PathVariable UUID id, @RequestParam(name = "assigned_to") UUID assignee) {
        var outcome = selections.apply(Authenticated.user(),
                new LeadSelections.Action(List.of(id), "assign", assignee, null, null));
        if (!outcome.failed().isEmpty()) {
            throw ApiException.invalid("assigned_to", outcome.failed().getFirst().message());
        }
        return "redirect:/leads/" + id;
    }

    @PostMapping("/leads/{id}/notes")
    @RequiresPermission("leads:write")
    String addNote(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        Forms.Read<NoteRequests.Create> read = forms.read(form, NoteRequests.Create.class,
                List.of("content", "type"), Set.of());
        if (!read.valid()) {
            return composerError(response, model, read.errors(), "note", form);
        }
        tenancy.runAs(user.organizationId(), () -> notes.create(user, id, read.request()));
        return timelineFragment(id, model);
    }

    @PostMapping("/leads/{id}/follow-ups")
    @RequiresPermission("leads:write")
    String addFollowUp(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        var body = new java.util.LinkedHashMap<String, String>();
        body.put("lead_id", id.toString());
        body.put("kind", "follow_up");
        body.put("title", form.getFirst("title"));
        body.put("due_at", LocalTimes.toOffset(form.getFirst("due_at"),
                tenancy.callAs(user.organizationId(), () -> users.timeZone(user.organizationId()))));
        body.put("priority", form.getFirst("priority"));
        Forms.Read<TaskRequests.Create> read = forms.read(forms.json(body), TaskRequests.Create.class);
        if (!read.valid()) {
            return composerError(response, model, read.errors(), "follow-up", form);
        }
        try {
            tenancy.runAs(user.organizationId(), () -> tasks.create(user, read.request()));
        } catch (ApiException refused) {
            return composerError(response, model, Forms.errorsOf(refused), "follow-up", form);
        }
        return timelineFragment(id, model);
    }

    private String timelineFragment(UUID id, Model model) {
        CurrentUser user = Authenticated.user();
        tenancy.runAs(user.organizationId(), () -> {
            model.addAttribute("lead", leads.get(user, id));
            model.addAttribute("timeline", timeline.of(user, id, 50, null, null).items());
            model.addAttribute("openTasks", tasks.list(user, new Tasks.Filter(id, null, "open", null, null, null, null), PageRequest.of(20, 0)).items());
        });
        model.addAttribute("canWrite", true);
        return "leads/detail :: activity";
    }

    private String composerError(HttpServletResponse response, Model model, Map<String, String> errors, String form,
            MultiValueMap<String, String> typed) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        response.setHeader("HX-Retarget", "#" + form + "-errors");
        response.setHeader("HX-Reswap", "innerHTML");
        model.addAttribute("errors", errors);
        return "fragments :: field-errors";
    }

    /** The organization's custom lead fields, shown and edited with the profile. */
    private List<LeadForm.FormField> definition(CurrentUser user) {
        return tenancy.callAs(user.organizationId(), () -> leadForm.definition(user.organizationId()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
