package com.educonsult.crm.web.settings.people;

import com.educonsult.crm.identity.RoleRequests;
import com.educonsult.crm.identity.Roles;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Roles and permissions: the roles with how many people hold each, a page per role with its permissions as grouped
 * checkboxes, and custom roles made, renamed and deleted. The system roles keep their code and data scope, the
 * admin role every permission, and none can be deleted: the page shows the API's reason when it refuses.
 */
@Controller
class RolePagesController {

    static final List<String> SCOPES = List.of("all", "branch", "own");

    private final Roles roles;
    private final Forms forms;

    RolePagesController(Roles roles, Forms forms) {
        this.roles = roles;
        this.forms = forms;
    }

    @GetMapping("/settings/roles")
    @RequiresPermission("admin:roles")
    String list(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("roles", roles.list(organizationId()));
        model.addAttribute("notice", notice);
        return "settings/roles";
    }

    @GetMapping("/settings/roles/new")
    @RequiresPermission("admin:roles")
    String newRole(Model model) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("data_scope", "own");
        values.put("permissions", List.of("profile:manage"));
        return rolePage(model, null, values, Map.of());
    }

    @PostMapping("/settings/roles")
    @RequiresPermission("admin:roles")
    String create(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        Map<String, Object> body = body(form);
        body.put("code", form.getFirst("code"));
        Forms.Read<RoleRequests.Create> read = forms.read(forms.jsonOf(body), RoleRequests.Create.class);
        Map<String, String> errors = new LinkedHashMap<>(read.errors());
        if (errors.isEmpty()) {
            try {
                Roles.RoleView created = roles.create(Authenticated.user(), read.request());
                return "redirect:/settings/roles/" + created.id() + "?notice="
                        + BranchPagesController.encode(created.name() + " created.");
            } catch (ApiException refused) {
                errors.putAll(Forms.errorsOf(refused));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return rolePage(model, null, typed(form), errors);
    }

    @GetMapping("/settings/roles/{id}")
    @RequiresPermission("admin:roles")
    String show(@PathVariable UUID id, @RequestParam(required = false) String notice, Model model) {
        Roles.RoleView role = roles.get(organizationId(), id);
        model.addAttribute("notice", notice);
        return rolePage(model, role, valuesOf(role), Map.of());
    }

    @PostMapping("/settings/roles/{id}")
    @RequiresPermission("admin:roles")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        Roles.RoleView role = roles.get(organizationId(), id);
        Map<String, Object> body = body(form);
        if (role.system()) {
            body.remove("data_scope");
        }
        if (form.getFirst("permissions_locked") != null) {
            body.remove("permissions");
        }
        var sent = forms.jsonOf(body);
        if (form.getFirst("description") != null && form.getFirst("description").isBlank()) {
            ((tools.jackson.databind.node.ObjectNode) sent).putNull("description");
        }
        Forms.Read<RoleRequests.Update> read = forms.read(sent, RoleRequests.Update.class);
        Map<String, String> errors = new LinkedHashMap<>(read.errors());
        if (form.getFirst("name") == null || form.getFirst("name").isBlank()) {
            errors.put("name", "must not be blank");
        }
        if (errors.isEmpty()) {
            try {
                roles.update(Authenticated.user(), id, read.request(), read.patch());
                return "redirect:/settings/roles/" + id + "?notice=" + BranchPagesController.encode("Saved.");
            } catch (ApiException refused) {
                errors.putAll(Forms.errorsOf(refused));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return rolePage(model, role, typed(form), errors);
    }

    @PostMapping("/settings/roles/{id}/delete")
    @RequiresPermission("admin:roles")
    String delete(@PathVariable UUID id, HttpServletResponse response, Model model) {
        Roles.RoleView role = roles.get(organizationId(), id);
        try {
            roles.delete(Authenticated.user(), id);
            return "redirect:/settings/roles?notice=" + BranchPagesController.encode(role.name() + " deleted.");
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            response.setStatus(refused.status().value());
            model.addAttribute("deleteError", "Not deleted: " + refused.getMessage() + ".");
            return rolePage(model, role, valuesOf(role), Map.of());
        }
    }

    private String rolePage(Model model, Roles.RoleView role, Map<String, Object> values, Map<String, String> errors) {
        List<Roles.PermissionView> catalogue = roles.catalogue();
        Map<String, String> descriptions = catalogue.stream()
                .collect(Collectors.toMap(Roles.PermissionView::code, p -> p.description() == null ? "" : p.description(),
                        (a, b) -> a));
        model.addAttribute("role", role);
        model.addAttribute("pageTitle", role == null ? "Create a custom role" : role.name());
        model.addAttribute("groups", PermissionGroups.of(descriptions.keySet(), descriptions));
        // the admin role always holds every permission: its boxes are shown, not changed
        model.addAttribute("permissionsLocked", role != null && role.system() && "admin".equals(role.code()));
        model.addAttribute("scopes", SCOPES);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "settings/role";
    }

    private static Map<String, Object> body(MultiValueMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", form.getFirst("name"));
        body.put("description", form.getFirst("description"));
        body.put("data_scope", form.getFirst("data_scope"));
        body.put("permissions", form.getOrDefault("permissions", List.of()));
        return body;
    }

    private static Map<String, Object> typed(MultiValueMap<String, String> form) {
        Map<String, Object> values = new LinkedHashMap<>(form.toSingleValueMap());
        values.put("permissions", form.getOrDefault("permissions", List.of()));
        return values;
    }

    private static Map<String, Object> valuesOf(Roles.RoleView role) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("code", role.code());
        values.put("name", role.name());
        values.put("description", role.description());
        values.put("data_scope", role.dataScope());
        values.put("permissions", role.permissions());
        return values;
    }

    private static UUID organizationId() {
        return Authenticated.user().organizationId();
    }
}
