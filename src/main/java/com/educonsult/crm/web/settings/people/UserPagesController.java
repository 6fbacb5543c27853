package com.educonsult.crm.web.settings.people;

import com.educonsult.crm.identity.Branches;
import com.educonsult.crm.identity.ManagedUserView;
import com.educonsult.crm.identity.Roles;
import com.educonsult.crm.identity.UserAdministration;
import com.educonsult.crm.identity.UserRequests;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
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
 * Users and invitations: who works in the CRM with their roles, branch and state; inviting someone by email (they set
 * their own password); and a page per user to change their roles and branch, deactivate or reactivate them and lift a
 * login lock. A manager sees and manages the people of their own branch, as the API lets them.
 */
@Controller
class UserPagesController {

    static final int PAGE_SIZE = 50;
    static final List<String> STATUSES = List.of("active", "inactive", "locked");

    /** The list's filters as the form sends them. */
    public record Filters(String search, String role, String status, String branch) {
    }

    /** A user with the names of their branch and roles. */
    public record Row(ManagedUserView user, String branchName, String roleNames) {
    }

    private final UserAdministration administration;
    private final Roles roles;
    private final Branches branches;
    private final Forms forms;

    UserPagesController(UserAdministration administration, Roles roles, Branches branches, Forms forms) {
        this.administration = administration;
        this.roles = roles;
        this.branches = branches;
        this.forms = forms;
    }

    @GetMapping("/settings/users")
    @RequiresPermission("admin:users")
    String list(@RequestParam(required = false) String search, @RequestParam(required = false) String role,
            @RequestParam(required = false) String status, @RequestParam(required = false) String branch,
            @RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", notice);
        Filters filters = new Filters(blankToNull(search), blankToNull(role),
                status != null && STATUSES.contains(status) ? status : null, blankToNull(branch));
        return listPage(model, filters, Math.max(0, page), Map.of(), Map.of());
    }

    /** Invites a person: the user is made without a password and gets an email to set one. */
    @PostMapping("/settings/users/invite")
    @RequiresPermission("admin:users")
    String invite(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", form.getFirst("first_name"));
        body.put("last_name", blankToNull(form.getFirst("last_name")));
        body.put("email", form.getFirst("email"));
        body.put("branch_id", blankToNull(form.getFirst("branch_id")));
        String role = blankToNull(form.getFirst("role"));
        body.put("roles", role == null ? List.of() : List.of(role));
        Forms.Read<UserRequests.Create> read = forms.read(forms.jsonOf(body), UserRequests.Create.class);
        Map<String, String> errors = new LinkedHashMap<>(read.errors());
        if (errors.containsKey("roles")) {
            errors.put("role", "choose the role the person will have");
            errors.remove("roles");
        }
        if (errors.isEmpty()) {
            try {
                ManagedUserView invited = administration.create(Authenticated.user(), read.request());
                return "redirect:/settings/users?notice=" + BranchPagesController.encode(
                        "Invitation sent to " + invited.email() + ". They set their password from the email.");
            } catch (ApiException refused) {
                errors.putAll(Forms.errorsOf(refused));
                if (errors.containsKey("roles")) {
                    errors.put("role", errors.remove("roles"));
                }
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return listPage(model, new Filters(null, null, null, null), 0, form.toSingleValueMap(), errors);
    }

    @GetMapping("/settings/users/{id}")
    @RequiresPermission("admin:users")
    String show(@PathVariable UUID id, @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", notice);
        return userPage(model, administration.get(Authenticated.user(), id), Map.of());
    }

    /** Changes the user's roles and branch (an empty branch takes them out of every branch). */
    @PostMapping("/settings/users/{id}")
    @RequiresPermission("admin:users")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        List<String> ticked = form.getOrDefault("roles", List.of());
        // the branch is always sent: an empty choice clears it, as null does in the API's merge patch
        var sent = new org.springframework.util.LinkedMultiValueMap<String, String>();
        sent.add("roles", String.join(",", ticked));
        sent.add("branch_id", form.getFirst("branch_id") == null ? "" : form.getFirst("branch_id"));
        Forms.Read<UserRequests.Update> read = forms.read(sent, UserRequests.Update.class,
                List.of("roles", "branch_id"), java.util.Set.of("roles"));
        Map<String, String> errors = new LinkedHashMap<>(read.errors());
        if (ticked.isEmpty()) {
            errors.put("roles", "tick at least one role");
        }
        if (errors.isEmpty()) {
            try {
                MergePatch patch = read.patch();
                administration.update(Authenticated.user(), id, read.request(), patch);
                return "redirect:/settings/users/" + id + "?notice=" + BranchPagesController.encode("Saved.");
            } catch (ApiException refused) {
                if (refused.status() == HttpStatus.NOT_FOUND) {
                    throw refused;
                }
                errors.putAll(Forms.errorsOf(refused));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return userPage(model, administration.get(Authenticated.user(), id), errors);
    }

    /** Deactivates (ending every session of the user at once) or reactivates a user; reactivating lifts a lock. */
    @PostMapping("/settings/users/{id}/active")
    @RequiresPermission("admin:users")
    String setActive(@PathVariable UUID id, @RequestParam boolean active, @RequestParam(required = false) String unlock,
            HttpServletResponse response, Model model) {
        try {
            administration.update(Authenticated.user(), id, new UserRequests.Update(null, null, null, null, null,
                    null, null, null, active, null), MergePatch.nullKeeps());
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            response.setStatus(refused.status().value());
            model.addAttribute("actionError", refused.getMessage());
            return userPage(model, administration.get(Authenticated.user(), id), Map.of());
        }
        String notice = unlock != null ? "Unlocked: they can sign in again."
                : active ? "Reactivated: they can sign in again." : "Deactivated: every session of theirs has ended.";
        return "redirect:/settings/users/" + id + "?notice=" + BranchPagesController.encode(notice);
    }

    /** Withdraws an open invitation: the invited user is removed and their link stops working. */
    @PostMapping("/settings/users/{id}/withdraw")
    @RequiresPermission("admin:users")
    String withdraw(@PathVariable UUID id) {
        ManagedUserView user = administration.get(Authenticated.user(), id);
        if (!user.invitationPending()) {
            throw ApiException.invalid("id", "this person has already accepted the invitation");
        }
        administration.delete(Authenticated.user(), id);
        return "redirect:/settings/users?notice="
                + BranchPagesController.encode("The invitation of " + user.email() + " is withdrawn.");
    }

    private String listPage(Model model, Filters filters, int page, Map<String, String> typed,
            Map<String, String> errors) {
        CurrentUser me = Authenticated.user();
        UUID branchId = uuidOrNull(filters.branch());
        Page<ManagedUserView> found = administration.list(me, new UserAdministration.Filter(filters.search(),
                filters.role(), filters.status(), branchId), PageRequest.of(PAGE_SIZE, page * PAGE_SIZE));
        Map<UUID, String> branchNames = branchNames();
        Map<String, String> roleNames = roleNames();
        List<ManagedUserView> pending = administration.list(me, new UserAdministration.Filter(null, null, null, null),
                PageRequest.of(PageRequest.MAX_LIMIT, 0)).items().stream()
                .filter(ManagedUserView::invitationPending).toList();
        model.addAttribute("filters", filters);
        model.addAttribute("rows", found.items().stream().map(u -> row(u, branchNames, roleNames)).toList());
        model.addAttribute("total", found.total());
        model.addAttribute("page", page);
        model.addAttribute("hasNext", found.total() != null && (long) page * PAGE_SIZE + found.items().size() < found.total());
        model.addAttribute("pending", pending.stream().map(u -> row(u, branchNames, roleNames)).toList());
        model.addAttribute("allRoles", roles.list(me.organizationId()));
        model.addAttribute("assignableRoles", administration.assignableRoles(me));
        model.addAttribute("assignableBranches", administration.assignableBranches(me));
        model.addAttribute("allBranches", branchNames);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("values", typed);
        model.addAttribute("errors", errors);
        return "settings/users";
    }

    private String userPage(Model model, ManagedUserView user, Map<String, String> errors) {
        CurrentUser me = Authenticated.user();
        Map<UUID, String> branchNames = branchNames();
        model.addAttribute("row", row(user, branchNames, roleNames()));
        model.addAttribute("u", user);
        model.addAttribute("isMe", user.id().equals(me.userId()));
        model.addAttribute("assignableRoles", administration.assignableRoles(me));
        model.addAttribute("assignableBranches", administration.assignableBranches(me));
        model.addAttribute("errors", errors);
        return "settings/user";
    }

    private static Row row(ManagedUserView user, Map<UUID, String> branchNames, Map<String, String> roleNames) {
        return new Row(user, user.branchId() == null ? null : branchNames.getOrDefault(user.branchId(), "Unknown"),
                user.roles().stream().map(code -> roleNames.getOrDefault(code, code)).collect(Collectors.joining(", ")));
    }

    private Map<UUID, String> branchNames() {
        return branches.list(Authenticated.user().organizationId(), null, PageRequest.of(PageRequest.MAX_LIMIT, 0))
                .items().stream().collect(Collectors.toMap(Branches.BranchView::id, Branches.BranchView::name,
                        (a, b) -> a, LinkedHashMap::new));
    }

    private Map<String, String> roleNames() {
        return roles.list(Authenticated.user().organizationId()).stream()
                .collect(Collectors.toMap(Roles.RoleView::code, Roles.RoleView::name, (a, b) -> a));
    }

    private static UUID uuidOrNull(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
