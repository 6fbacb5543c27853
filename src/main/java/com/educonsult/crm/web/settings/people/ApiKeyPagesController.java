package com.educonsult.crm.web.settings.people;

import com.educonsult.crm.identity.ApiKeys;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
 * API keys for websites and integrations: the keys with their scopes and last use, a form to make one (its secret is
 * shown once, on the page that answers the form) and revoking. A key's scopes are permissions its maker holds.
 */
@Controller
class ApiKeyPagesController {

    /** The form as the API's request reads it: the same limits as the API's body. */
    record CreateKey(@NotBlank @Size(max = 100) String name,
            @NotEmpty(message = "tick at least one permission") @Size(max = 100) List<@NotBlank @Size(max = 64) String> scopes) {
    }

    /** A key with the name of the person who made it. */
    public record Row(ApiKeys.ApiKeyView key, String createdBy, boolean expired) {
    }

    private final ApiKeys apiKeys;
    private final UserDirectory users;
    private final Forms forms;
    private final Tenancy tenancy;
    private final Clock clock;

    ApiKeyPagesController(ApiKeys apiKeys, UserDirectory users, Forms forms, Tenancy tenancy, Clock clock) {
        this.tenancy = tenancy;
        this.clock = clock;
        this.apiKeys = apiKeys;
        this.users = users;
        this.forms = forms;
    }

    @GetMapping("/settings/api-keys")
    @RequiresPermission("admin:api-keys")
    String list(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", notice);
        return page(model, Map.of("scopes", List.of()), Map.of());
    }

    @PostMapping("/settings/api-keys")
    @RequiresPermission("admin:api-keys")
    String create(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        List<String> scopes = form.getOrDefault("scopes", List.of());
        CreateKey request = new CreateKey(form.getFirst("name"), scopes);
        Map<String, String> errors = new LinkedHashMap<>(forms.check(request));
        OffsetDateTime expiresAt = null;
        String expires = form.getFirst("expires_on");
        if (expires != null && !expires.isBlank()) {
            try {
                expiresAt = LocalDate.parse(expires.trim()).plusDays(1).atStartOfDay(tenancy.callAs(me.organizationId(), () -> users.timeZone(me.organizationId())))
                        .toOffsetDateTime();
            } catch (DateTimeParseException wrong) {
                errors.put("expires_on", "must be a date such as 2026-12-31");
            }
        }
        if (errors.isEmpty()) {
            try {
                ApiKeys.CreatedApiKey created = apiKeys.create(me, request.name().trim(), scopes, expiresAt);
                response.setHeader("Cache-Control", "no-store");
                model.addAttribute("created", created);
                return page(model, Map.of("scopes", List.of()), Map.of());
            } catch (ApiException refused) {
                errors.putAll(Forms.errorsOf(refused));
                if (errors.containsKey("expires_at")) {
                    errors.put("expires_on", errors.remove("expires_at"));
                }
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        Map<String, Object> typed = new LinkedHashMap<>(form.toSingleValueMap());
        typed.put("scopes", scopes);
        return page(model, typed, errors);
    }

    @PostMapping("/settings/api-keys/{id}/revoke")
    @RequiresPermission("admin:api-keys")
    String revoke(@PathVariable UUID id) {
        apiKeys.revoke(Authenticated.user().organizationId(), id);
        return "redirect:/settings/api-keys?notice=" + BranchPagesController.encode(
                "The key is revoked: requests with it are refused from now on.");
    }

    private String page(Model model, Map<String, Object> values, Map<String, String> errors) {
        CurrentUser me = Authenticated.user();
        List<ApiKeys.ApiKeyView> keys = apiKeys.list(me.organizationId());
        Map<UUID, UserSummary> makers = tenancy.callAs(me.organizationId(), () -> users.findAll(me.organizationId(),
                keys.stream().map(ApiKeys.ApiKeyView::createdBy).collect(Collectors.toSet())));
        OffsetDateTime now = OffsetDateTime.now(clock);
        model.addAttribute("keys", keys.stream().map(k -> new Row(k,
                makers.containsKey(k.createdBy()) ? makers.get(k.createdBy()).fullName() : "Unknown user",
                k.expiresAt() != null && !k.expiresAt().isAfter(now))).toList());
        model.addAttribute("groups", PermissionGroups.of(me.permissions(), Map.of()));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "settings/api-keys";
    }
}
