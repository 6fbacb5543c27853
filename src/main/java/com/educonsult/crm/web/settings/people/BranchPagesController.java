package com.educonsult.crm.web.settings.people;

import com.educonsult.crm.identity.BranchRequests;
import com.educonsult.crm.identity.Branches;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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

/** Branches: the list with the number of people in each, a form to add one, and a page per branch to change it. */
@Controller
class BranchPagesController {

    static final List<String> FIELDS = List.of("name", "code", "address", "city", "phone", "email");

    private final Branches branches;
    private final Forms forms;

    BranchPagesController(Branches branches, Forms forms) {
        this.branches = branches;
        this.forms = forms;
    }

    @GetMapping("/settings/branches")
    @RequiresPermission("branches:write")
    String list(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", notice);
        return listPage(model, Map.of(), Map.of());
    }

    @PostMapping("/settings/branches")
    @RequiresPermission("branches:write")
    String create(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        Forms.Read<BranchRequests.Create> read = forms.read(form, BranchRequests.Create.class, FIELDS, Set.of());
        Map<String, String> errors = new LinkedHashMap<>(read.errors());
        if (errors.isEmpty()) {
            try {
                Branches.BranchView created = branches.create(organizationId(), read.request());
                return "redirect:/settings/branches?notice=" + encode(created.name() + " added.");
            } catch (ApiException refused) {
                errors.putAll(Forms.errorsOf(refused));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return listPage(model, form.toSingleValueMap(), errors);
    }

    @GetMapping("/settings/branches/{id}")
    @RequiresPermission("branches:write")
    String show(@PathVariable UUID id, @RequestParam(required = false) String notice, Model model) {
        Branches.BranchView branch = branches.get(organizationId(), id);
        model.addAttribute("notice", notice);
        return branchPage(model, branch, valuesOf(branch), Map.of());
    }

    @PostMapping("/settings/branches/{id}")
    @RequiresPermission("branches:write")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        Forms.Read<BranchRequests.Update> read = forms.read(form, BranchRequests.Update.class, FIELDS, Set.of());
        Map<String, String> errors = new LinkedHashMap<>(read.errors());
        OrganizationPagesController.refusedNulls(read, errors, "name");
        if (errors.isEmpty()) {
            try {
                branches.update(organizationId(), id, read.request(), read.patch());
                return "redirect:/settings/branches/" + id + "?notice=" + encode("Saved.");
            } catch (ApiException refused) {
                if (refused.status() == HttpStatus.NOT_FOUND) {
                    throw refused;
                }
                errors.putAll(Forms.errorsOf(refused));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return branchPage(model, branches.get(organizationId(), id), form.toSingleValueMap(), errors);
    }

    /** Opens or closes a branch: a closed branch stays with its people and history but is offered no more. */
    @PostMapping("/settings/branches/{id}/active")
    @RequiresPermission("branches:write")
    String setActive(@PathVariable UUID id, @RequestParam boolean active) {
        branches.update(organizationId(), id,
                new BranchRequests.Update(null, null, null, null, null, null, active), MergePatch.nullKeeps());
        return "redirect:/settings/branches/" + id + "?notice="
                + encode(active ? "The branch is active again." : "The branch is deactivated.");
    }

    @PostMapping("/settings/branches/{id}/delete")
    @RequiresPermission("branches:write")
    String delete(@PathVariable UUID id, HttpServletResponse response, Model model) {
        Branches.BranchView branch = branches.get(organizationId(), id);
        try {
            branches.delete(organizationId(), id);
            return "redirect:/settings/branches?notice=" + encode(branch.name() + " deleted.");
        } catch (ApiException refused) {
            response.setStatus(refused.status().value());
            model.addAttribute("deleteError", "Not deleted: " + refused.getMessage() + ".");
            return branchPage(model, branch, valuesOf(branch), Map.of());
        }
    }

    private String listPage(Model model, Map<String, String> typed, Map<String, String> errors) {
        model.addAttribute("branches",
                branches.list(organizationId(), null, PageRequest.of(PageRequest.MAX_LIMIT, 0)).items());
        model.addAttribute("values", typed);
        model.addAttribute("errors", errors);
        return "settings/branches";
    }

    private String branchPage(Model model, Branches.BranchView branch, Map<String, String> values,
            Map<String, String> errors) {
        model.addAttribute("branch", branch);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "settings/branch";
    }

    private static Map<String, String> valuesOf(Branches.BranchView b) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", b.name());
        values.put("code", b.code());
        values.put("address", b.address());
        values.put("city", b.city());
        values.put("phone", b.phone());
        values.put("email", b.email());
        return values;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static UUID organizationId() {
        return Authenticated.user().organizationId();
    }
}
