package com.educonsult.crm.web;

import com.educonsult.crm.leads.SavedViews;
import java.util.List;
import java.util.Map;

/**
 * The columns of the leads list a person chose (a saved view keeps them): the saved views' columns, in their own
 * order, with the name always first. None chosen means the everyday six.
 */
final class LeadColumns {

    /** A column: its key (as saved views name it), its heading, and the list's sort it orders by, if any. */
    public record Column(String key, String label, String sort) {
    }

    static final List<String> EVERYDAY = List.of("name", "status", "phone", "owner", "created_at",
            "next_follow_up_date");

    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("name", "Name"),
            Map.entry("status", "Status"), Map.entry("phone", "Phone"), Map.entry("email", "Email"),
            Map.entry("owner", "Owner"), Map.entry("source", "Source"), Map.entry("priority", "Priority"),
            Map.entry("city", "City"), Map.entry("created_at", "Created"),
            Map.entry("next_follow_up_date", "Next follow-up"), Map.entry("last_contact_date", "Last contact"),
            Map.entry("tags", "Tags"));

    private static final Map<String, String> SORTS = Map.of("name", "name", "priority", "priority",
            "created_at", "created_at", "next_follow_up_date", "next_follow_up_date");

    private LeadColumns() {
    }

    /** Every column a list can show, in the order the list shows them. */
    static List<Column> all() {
        return SavedViews.COLUMNS.stream().map(LeadColumns::column).toList();
    }

    /** The known columns among those asked for (comma-separated or repeated), the name always; none: the usual. */
    static List<Column> chosen(List<String> asked) {
        List<String> keys = asked == null ? List.of() : asked.stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(","))).map(String::strip).toList();
        if (keys.stream().noneMatch(LABELS::containsKey)) {
            keys = EVERYDAY;
        }
        List<String> wanted = keys;
        return SavedViews.COLUMNS.stream().filter(key -> key.equals("name") || wanted.contains(key))
                .map(LeadColumns::column).toList();
    }

    /** The columns as the address keeps them, or null for the usual ones. */
    static String asParameter(List<Column> columns) {
        List<String> keys = columns.stream().map(Column::key).toList();
        return keys.equals(EVERYDAY) ? null : String.join(",", keys);
    }

    private static Column column(String key) {
        return new Column(key, LABELS.get(key), SORTS.get(key));
    }
}
