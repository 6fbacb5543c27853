package com.educonsult.crm.web.settings.people;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Permissions as a person reads them: grouped by what they are about (the part of the code before the colon), each
 * group with a readable name, each permission with its action and what it allows.
 */
public final class PermissionGroups {

    /** One permission as a checkbox shows it. */
    public record Item(String code, String action, String description) {
    }

    /** The permissions of one area, e.g. Leads. */
    public record Group(String key, String name, List<Item> items) {
    }

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("admin", "Administration"),
            Map.entry("analytics", "Analytics"),
            Map.entry("branches", "Branches"),
            Map.entry("calls", "Calls"),
            Map.entry("campaigns", "Campaigns"),
            Map.entry("catalog", "Catalogue"),
            Map.entry("documents", "Documents"),
            Map.entry("leads", "Leads"),
            Map.entry("messages", "Messages"),
            Map.entry("notifications", "Notifications"),
            Map.entry("organization", "Organization"),
            Map.entry("payments", "Payments"),
            Map.entry("profile", "Own profile"),
            Map.entry("reports", "Reports"),
            Map.entry("settings", "Settings"),
            Map.entry("templates", "Templates"));

    private PermissionGroups() {
    }

    /** Groups permission codes with their descriptions (a code missing from the map is shown without one). */
    public static List<Group> of(Collection<String> codes, Map<String, String> descriptions) {
        Map<String, List<Item>> byPrefix = new TreeMap<>();
        for (String code : new java.util.TreeSet<>(codes)) {
            int colon = code.indexOf(':');
            String prefix = colon < 0 ? code : code.substring(0, colon);
            String action = colon < 0 ? code : code.substring(colon + 1);
            byPrefix.computeIfAbsent(prefix, p -> new ArrayList<>())
                    .add(new Item(code, readable(action), descriptions.get(code)));
        }
        List<Group> groups = new ArrayList<>();
        byPrefix.forEach((prefix, items) -> groups.add(new Group(prefix, nameOf(prefix), List.copyOf(items))));
        groups.sort(java.util.Comparator.comparing(Group::name));
        return List.copyOf(groups);
    }

    static String nameOf(String prefix) {
        return NAMES.getOrDefault(prefix, readable(prefix));
    }

    private static String readable(String word) {
        if (word.startsWith("api-")) {
            return "API " + word.substring(4).replace('-', ' ');
        }
        String spaced = word.replace('-', ' ').replace('_', ' ');
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
