package com.educonsult.crm.web;

import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.web.settings.SettingsSections;
import java.util.List;

/**
 * The signed-in person as the frame shows them: name, role and which sections their permissions open. Links are
 * shown by the same permissions the pages behind them require.
 */
record ConsoleUser(String name, String initials, String role, String organization, java.time.ZoneId zone,
        List<NavItem> navigation,
        CurrentUser principal) {

    record NavItem(String label, String href, String key, String shortcut) {
    }

    static List<NavItem> navigationFor(CurrentUser user) {
        var items = new java.util.ArrayList<NavItem>();
        items.add(new NavItem("Dashboard", "/", "dashboard", "g d"));
        if (user.can("leads:read")) {
            items.add(new NavItem("Leads", "/leads", "leads", "g l"));
            items.add(new NavItem("Pipeline", "/board", "board", "g b"));
            items.add(new NavItem("Follow-ups", "/follow-ups", "follow-ups", "g f"));
        }
        if (user.can("analytics:read")) {
            items.add(new NavItem("Analytics", "/analytics/funnel", "analytics", "g a"));
        }
        if (user.can("calls:read")) {
            items.add(new NavItem("Calls", "/calls", "calls", "g c"));
        }
        if (user.can("messages:send")) {
            items.add(new NavItem("Inbox", "/inbox", "inbox", "g i"));
        }
        if (user.can("notifications:read")) {
            items.add(new NavItem("Notifications", "/notifications", "notifications", "g n"));
        }
        if (user.can("campaigns:manage")) {
            items.add(new NavItem("Campaigns", "/campaigns", "campaigns", "g m"));
        }
        if (user.can("reports:read")) {
            items.add(new NavItem("Reports", "/reports", "reports", "g r"));
        }
        if (!SettingsSections.visibleTo(user).isEmpty()) {
            items.add(new NavItem("Settings", "/settings", "settings", "g s"));
        }
        return List.copyOf(items);
    }

    static String initialsOf(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        String[] words = name.trim().split("\\s+");
        String first = words[0].substring(0, 1);
        String last = words.length > 1 ? words[words.length - 1].substring(0, 1) : "";
        return (first + last).toUpperCase(java.util.Locale.ROOT);
    }

    static String roleOf(CurrentUser user) {
        for (String role : List.of("admin", "manager", "counselor", "agent")) {
            if (user.roles().contains(role)) {
                return Character.toUpperCase(role.charAt(0)) + role.substring(1);
            }
        }
        return user.roles().stream().findFirst().orElse("User");
    }
}
