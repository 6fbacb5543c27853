package com.educonsult.crm.web;

import com.educonsult.crm.leads.DuplicateLeadException;
import com.educonsult.crm.leads.LeadForm;
import com.educonsult.crm.leads.LeadRequest;
import com.educonsult.crm.leads.LeadView;
import com.educonsult.crm.leads.Leads;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Creating a lead by hand, with the API's checks: required name, phone and email formats, duplicates, and the
 * organization's custom fields (required ones, types, choices).
 */
@Controller
class NewLeadController {

    static final List<String> FIELDS = List.of("first_name", "last_name", "phone", "email", "city",
            "current_education", "interested_courses", "preferred_countries", "intake_preference", "priority", "source",
            "tags", "allow_duplicate");

    private final Leads leads;
    private final LeadForm leadForm;
    private final CustomFieldForms customFields;
    private final Tenancy tenancy;

    NewLeadController(Leads leads, LeadForm leadForm, CustomFieldForms customFields, Tenancy tenancy) {
        this.leads = leads;
        this.leadForm = leadForm;
        this.customFields = customFields;
        this.tenancy = tenancy;
    }

    @GetMapping("/leads/new")
    @RequiresPermission("leads:write")
    String form(Model model) {
        model.addAttribute("errors", Map.of());
        model.addAttribute("typed", Map.of("priority", "warm", "source", "walk_in"));
        model.addAttribute("customFields", definition());
        return "leads/new";
    }

    @PostMapping("/leads/new")
    @RequiresPermission("leads:write")
    String create(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        model.addAttribute("typed", form.toSingleValueMap());
        model.addAttribute("typedAll", form);
        List<LeadForm.FormField> definition = definition();
        model.addAttribute("customFields", definition);
        Forms.Read<LeadRequest> read = customFields.read(form, FIELDS, LeadPageController.LIST_FIELDS, definition,
                false);
        Map<String, String> errors = read.errors();
        if (read.valid() && read.request().firstName() == null) {
            errors = Map.of("first_name", "Enter the student's first name");
        }
        if (!errors.isEmpty()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, errors);
        }
        try {
            LeadView created = tenancy.callAs(user.organizationId(), () -> leads.create(user, read.request()));
            return "redirect:/leads/" + created.id();
        } catch (DuplicateLeadException duplicate) {
            model.addAttribute("existingLeadId", duplicate.existingLeadId());
            return refused(response, model, HttpStatus.CONFLICT, Forms.errorsOf(duplicate));
        } catch (ApiException refusedByRule) {
            return refused(response, model, refusedByRule.status(), Forms.errorsOf(refusedByRule));
        }
    }

    /** The organization's custom lead fields, shown after the standard ones. */
    private List<LeadForm.FormField> definition() {
        CurrentUser user = Authenticated.user();
        return tenancy.callAs(user.organizationId(), () -> leadForm.definition(user.organizationId()));
    }

    private static String refused(HttpServletResponse response, Model model, HttpStatus status,
            Map<String, String> errors) {
        response.setStatus(status.value());
        model.addAttribute("errors", errors);
        return "leads/new";
    }
}
