package com.educonsult.crm.web.settings;

import com.educonsult.crm.platform.security.CurrentUser;
import java.util.List;

/**
 * The sections of the settings area, each opened by the permission the API asks for changing what it shows. A
 * person sees the sections their role may change and no other; with none, the console shows no Settings link.
 */
public final class SettingsSections {

    /** One section: where it lives, what it is called, and the permission that opens it. */
    public record Section(String key, String label, String href, String permission, String summary) {
    }

    static final List<Section> ALL = List.of(
            new Section("organization", "Organization", "/settings/organization", "organization:write",
                    "Name, time zone, working hours and contact details"),
            new Section("branches", "Branches", "/settings/branches", "branches:write",
                    "Offices and the teams that work from them"),
            new Section("users", "Users and invitations", "/settings/users", "admin:users",
                    "Who works in the CRM, their roles, branches and invitations"),
            new Section("roles", "Roles and permissions", "/settings/roles", "admin:roles",
                    "What each role may see and do"),
            new Section("statuses", "Statuses and transitions", "/settings/statuses", "settings:manage",
                    "The pipeline: statuses in order, allowed moves and SLAs"),
            new Section("lead-form", "Lead form", "/settings/lead-form", "settings:manage",
                    "Custom fields on every lead"),
            new Section("assignment", "Assignment rules", "/settings/assignment", "settings:manage",
                    "How new leads find their counselor"),
            new Section("templates", "Message and note templates", "/settings/templates", "templates:write",
                    "WhatsApp, SMS and email texts, and quick notes after calls"),
            new Section("catalogue", "Catalogue", "/settings/catalogue", "catalog:write",
                    "Countries, institutions and courses students ask for"),
            new Section("call-exclusions", "Call exclusions", "/settings/call-exclusions", "settings:manage",
                    "Numbers whose calls are never synced"),
            new Section("api-keys", "API keys", "/settings/api-keys", "admin:api-keys",
                    "Keys for websites and integrations"),
            new Section("integrations", "Integrations", "/settings/integrations", "settings:manage",
                    "Lead ads, website forms and events, providers, outgoing webhooks and their log"),
            new Section("outbox", "Message outbox", "/settings/outbox", "admin:messages",
                    "Messages waiting, sent, failed and dead, with replay, and those kept in demo mode"),
            new Section("audit", "Audit log", "/settings/audit", "admin:audit",
                    "Who changed what, with the values before and after"));

    private SettingsSections() {
    }

    /** The sections this person may open, in the order the settings area lists them. */
    public static List<Section> visibleTo(CurrentUser user) {
        return ALL.stream().filter(section -> user.can(section.permission())).toList();
    }
}
