package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.MobileResponse;
import com.educonsult.crm.platform.web.PageRequest;
import com.fasterxml.jackson.annotation.JsonAlias;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The Android app's employee, settings and feature routes (seed 01), over the identity services. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Android app")
class MobileEmployeeController {

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record FcmToken(@NotBlank @Size(max = 4096) @JsonAlias("fcm_token") String fcmToken) {
    }

    /** Filters of the employee picker; every field optional. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record EmployeeQuery(@Size(max = 200) String search, @Size(max = 50) String role, UUID branchId, Integer limit,
            Integer offset) {
        static final EmployeeQuery ALL = new EmployeeQuery(null, null, null, null, null);
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Employee(UUID id, String firstName, String lastName, String fullName, String email, String phone,
            String designation, String department, UUID branchId, String avatarUrl, List<String> roles,
            OffsetDateTime lastLoginAt) {
        static Employee of(ManagedUserView user) {
            return new Employee(user.id(), user.firstName(), user.lastName(), user.fullName(), user.email(),
                    user.phone(), user.designation(), user.department(), user.branchId(), user.avatarUrl(),
                    user.roles(), user.lastLoginAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record NumberQuery(@NotBlank @Size(max = 40) String phone) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record FeatureStatus(Map<String, Boolean> features) {
    }

    private final Profiles profiles;
    private final UserAdministration administration;
    private final AppAccounts accounts;

    MobileEmployeeController(Profiles profiles, UserAdministration administration, AppAccounts accounts) {
        this.profiles = profiles;
        this.administration = administration;
        this.accounts = accounts;
    }

    @PostMapping("/employee/updateFCM")
    @RequiresPermission("profile:manage")
    @Operation(summary = "Remember the phone's FCM token for the user's push notifications (logout forgets it)")
    MobileResponse<Void> updateFcm(@Valid @RequestBody FcmToken request) {
        profiles.updateFcmToken(Authenticated.user(), request.fcmToken());
        return MobileResponse.message("FCM token updated");
    }

    @PostMapping("/employee/settings/save")
    @RequiresPermission("profile:manage")
    @Operation(summary = "Save the user's app settings (sync, recording upload, caller popup, SIM slots, interval)",
            description = "Kept with the user's preferences under app; absent fields stay as they are.")
    MobileResponse<AppPreferences> saveSettings(@Valid @RequestBody AppPreferences request) {
        return MobileResponse.ok(profiles.saveAppPreferences(Authenticated.user(), request), "Settings saved");
    }

    @PostMapping("/employee/get/customer/employees")
    @RequiresPermission("admin:users")
    @Operation(summary = "The organization's active users the caller may administer, for the app's pickers",
            description = "As GET /admin/users: a manager sees the users of their branch.")
    MobileResponse<List<Employee>> employees(@Valid @RequestBody(required = false) EmployeeQuery request) {
        EmployeeQuery query = request == null ? EmployeeQuery.ALL : request;
        var filter = new UserAdministration.Filter(query.search(), query.role(), "active", query.branchId());
        var page = administration.list(Authenticated.user(), filter, PageRequest.of(query.limit(), query.offset()));
        return MobileResponse.ok(page.items().stream().map(Employee::of).toList());
    }

    @PostMapping("/employee/validateNumber")
    @RequiresPermission("profile:manage")
    @Operation(summary = "Whether a number is a valid phone number, and whether it belongs to a user of the organization")
    MobileResponse<AppAccounts.NumberCheck> validateNumber(@Valid @RequestBody NumberQuery request) {
        return MobileResponse.ok(accounts.validateNumber(Authenticated.user(), request.phone()));
    }

    @PostMapping("/employee/subscriptionDetail")
    @RequiresPermission("organization:read")
    @Operation(summary = "The organization's plan, expiry, seats used and allowed, and features (no billing)")
    MobileResponse<AppAccounts.Subscription> subscriptionDetail() {
        return MobileResponse.ok(accounts.subscription(Authenticated.user().organizationId()));
    }

    @GetMapping("/app/getSettings")
    @RequiresPermission("organization:read")
    @Operation(summary = "The app's settings: organization, call recording, sync interval, features and the user's own")
    MobileResponse<AppAccounts.AppSettings> appSettings() {
        return MobileResponse.ok(accounts.settings(Authenticated.user()));
    }

    @GetMapping("/feature/getStatus")
    @RequiresPermission("organization:read")
    @Operation(summary = "Which features the app may offer, from the organization's settings")
    MobileResponse<FeatureStatus> featureStatus() {
        return MobileResponse.ok(new FeatureStatus(accounts.features(Authenticated.user().organizationId())));
    }

    @PostMapping("/feature/subscription")
    @RequiresPermission("organization:read")
    @Operation(summary = "The organization's plan and whether it is current (no billing: from its settings)")
    MobileResponse<AppAccounts.Subscription> subscription() {
        return MobileResponse.ok(accounts.subscription(Authenticated.user().organizationId()));
    }
}
