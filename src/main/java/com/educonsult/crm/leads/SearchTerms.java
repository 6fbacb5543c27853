package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * What a lead search looks for: words by prefix (full text), a fragment of a name, digits of a phone
 * ({@code 98765} finds {@code +919876543210}), and any of some tags. Null parts are not searched.
 */
record SearchTerms(String words, String namePattern, String digitsPattern, String[] tags) {

    static SearchTerms of(String search, List<String> tags) {
        String[] anyTags = tags.isEmpty() ? null
                : tags.stream().map(tag -> tag.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        if (search == null || search.isBlank()) {
            return new SearchTerms(null, null, null, anyTags);
        }
        String term = search.trim();
        return new SearchTerms(words(term), "%" + likeEscaped(term.toLowerCase(Locale.ROOT)) + "%", digits(term),
                anyTags);
    }

    boolean isEmpty() {
        return words == null && namePattern == null && digitsPattern == null && tags == null;
    }

    /**
     * The same test written on {@code leads}, for a search too broad to list by id: PostgreSQL evaluates it as a
     * filter while walking an index of the list's order, and stops at the page's end.
     */
    Condition onLeads() {
        List<Condition> text = new ArrayList<>();
        if (words != null) {
            text.add(DSL.condition("leads.search @@ to_tsquery('simple', {0})", words));
        }
        if (namePattern != null) {
            text.add(DSL.condition("lower(concat_ws(' ', leads.first_name, leads.last_name, leads.student_name, "
                    + "leads.parent_name)) like {0}", namePattern));
        }
        if (digitsPattern != null) {
            text.add(DSL.condition("(coalesce(leads.phone, '') || ' ' || coalesce(leads.secondary_phone, '')) like {0}",
                    digitsPattern));
        }
        Condition condition = text.isEmpty() ? DSL.noCondition() : DSL.or(text);
        if (tags != null) {
            condition = condition.and(DSL.condition("{0} && {1}", LEADS.TAGS, DSL.val(tags, LEADS.TAGS.getDataType())));
        }
        return condition;
    }

    /** Each word as a prefix, all required: {@code 'ravi':* & 'kum':*}; null when no word is left. */
    private static String words(String term) {
        String query = Arrays.stream(term.toLowerCase(Locale.ROOT).split("\\s+"))
                .map(word -> word.replaceAll("[^\\p{L}\\p{N}@._+-]", "").replaceAll("^[+-]+", ""))
                .filter(word -> !word.isEmpty())
                .map(word -> "'" + word + "':*")
                .collect(Collectors.joining(" & "));
        return query.isEmpty() ? null : query;
    }

    /** The digits of a term written like a phone number, without leading zeros; null for other terms. */
    private static String digits(String term) {
        String digits = term.replaceAll("\\D", "").replaceFirst("^0+", "");
        boolean phoneLike = term.replaceAll("[\\d\\s()+.-]", "").isEmpty();
        return digits.length() >= 3 && phoneLike ? "%" + digits + "%" : null;
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
