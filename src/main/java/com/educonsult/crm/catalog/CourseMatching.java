package com.educonsult.crm.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ranks courses for a lead. Points, out of 100: the course matches an interest (40, or 20 for a partial
 * match), lies in a preferred country (25), at a preferred institution (15), costs at most the budget (15, or
 * 5 when at most a fifth above it), and has the preferred intake (5). A course that matches nothing is left
 * out; one above budget only scores lower. Fees are compared with the budget only in the same currency: the
 * catalogue has no exchange rates.
 */
final class CourseMatching {

    static final int INTEREST = 40;
    static final int PARTIAL_INTEREST = 20;
    static final int COUNTRY = 25;
    static final int INSTITUTION = 15;
    static final int WITHIN_BUDGET = 15;
    static final int NEAR_BUDGET = 5;
    static final int INTAKE = 5;

    private static final BigDecimal NEAR_BUDGET_FACTOR = new BigDecimal("1.2");
    private static final Set<String> STOP_WORDS = Set.of("in", "of", "and", "the", "for", "with", "a", "an", "to");

    /** Abbreviations people write for courses, with what courses call them. */
    private static final Map<String, List<String>> ABBREVIATIONS = Map.of(
            "mba", List.of("business administration"),
            "bba", List.of("business administration"),
            "cs", List.of("computer science"),
            "cse", List.of("computer science"),
            "it", List.of("information technology"),
            "ai", List.of("artificial intelligence"),
            "ml", List.of("machine learning"),
            "mbbs", List.of("medicine"),
            "mph", List.of("public health"));

    private static final Map<String, String> SEASONS = Map.of(
            "fall", "sep", "autumn", "sep", "spring", "jan", "winter", "jan", "summer", "may");

    /** What the lead wants. Country codes are already resolved from what the lead wrote. */
    record Preferences(List<String> interests, Set<String> countryCodes, List<String> institutions,
            BigDecimal budgetMax, String budgetCurrency, String intake) {
    }

    /** Why a course scored: the criterion, its points, and a sentence for the counselor. */
    record Reason(String criterion, int points, String detail) {
    }

    record Match(Courses.CourseView course, int score, List<Reason> reasons) {
    }

    private CourseMatching() {
    }

    /** The courses that match anything, best first; ties go to partner institutions, then better ranking, then lower fee. */
    static List<Match> rank(Preferences preferences, List<Courses.CourseView> courses) {
        return courses.stream()
                .map(course -> score(preferences, course))
                .filter(match -> match.score() > 0)
                .sorted(Comparator.comparingInt(Match::score).reversed()
                        .thenComparing(m -> !m.course().institution().isPartner())
                        .thenComparing(m -> m.course().institution().ranking(), Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(m -> m.course().fee(), Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(m -> m.course().name()))
                .toList();
    }

    static Match score(Preferences preferences, Courses.CourseView course) {
        List<Reason> reasons = new ArrayList<>();
        interest(preferences.interests(), course, reasons);
        country(preferences.countryCodes(), course, reasons);
        institution(preferences.institutions(), course, reasons);
        budget(preferences, course, reasons);
        intake(preferences.intake(), course, reasons);
        int score = reasons.stream().mapToInt(Reason::points).sum();
        return new Match(course, score, List.copyOf(reasons));
    }

    private static void interest(List<String> interests, Courses.CourseView course, List<Reason> reasons) {
        List<String> courseWords = words(course.name() + " " + (course.field() == null ? "" : course.field()));
        Reason partial = null;
        for (String interest : interests) {
            for (String phrase : phrasesOf(interest)) {
                List<String> wanted = words(phrase);
                if (wanted.isEmpty()) {
                    continue;
                }
                long found = wanted.stream().filter(w -> courseWords.stream().anyMatch(c -> sameWord(w, c))).count();
                if (found == wanted.size()) {
                    reasons.add(new Reason("interest", INTEREST, "Matches the interest \"" + interest + "\""));
                    return;
                }
                if (partial == null && wanted.size() > 1 && found * 2 >= wanted.size()) {
                    partial = new Reason("interest", PARTIAL_INTEREST, "Partly matches the interest \"" + interest + "\"");
                }
            }
        }
        if (partial != null) {
            reasons.add(partial);
        }
    }

    private static void country(Set<String> countryCodes, Courses.CourseView course, List<Reason> reasons) {
        if (countryCodes.contains(course.institution().countryCode())) {
            String name = course.institution().countryName() == null ? course.institution().countryCode()
                    : course.institution().countryName();
            reasons.add(new Reason("country", COUNTRY, "In a preferred country: " + name));
        }
    }

    private static void institution(List<String> institutions, Courses.CourseView course, List<Reason> reasons) {
        List<String> offered = words(course.institution().name());
        for (String preferred : institutions) {
            List<String> wanted = words(preferred);
            if (!wanted.isEmpty() && wanted.stream().allMatch(w -> offered.stream().anyMatch(o -> sameWord(w, o)))) {
                reasons.add(new Reason("institution", INSTITUTION, "At a preferred institution: " + preferred));
                return;
            }
        }
    }

    private static void budget(Preferences preferences, Courses.CourseView course, List<Reason> reasons) {
        BigDecimal budget = preferences.budgetMax();
        BigDecimal fee = course.fee();
        if (budget == null || fee == null) {
            return;
        }
        String feeText = fee.toPlainString() + " " + course.currency();
        String budgetText = budget.toPlainString() + " " + preferences.budgetCurrency();
        if (!course.currency().equalsIgnoreCase(preferences.budgetCurrency())) {
            reasons.add(new Reason("budget", 0, "Fee " + feeText + " not compared with the budget of " + budgetText
                    + ": different currencies"));
        } else if (fee.compareTo(budget) <= 0) {
            reasons.add(new Reason("budget", WITHIN_BUDGET, "Fee " + feeText + " within the budget of " + budgetText));
        } else if (fee.compareTo(budget.multiply(NEAR_BUDGET_FACTOR)) <= 0) {
            reasons.add(new Reason("budget", NEAR_BUDGET, "Fee " + feeText + " slightly above the budget of " + budgetText));
        } else {
            reasons.add(new Reason("budget", 0, "Fee " + feeText + " above the budget of " + budgetText));
        }
    }

    private static void intake(String preferred, Courses.CourseView course, List<Reason> reasons) {
        List<String> wanted = intakeWords(preferred);
        if (wanted.isEmpty()) {
            return;
        }
        for (String intake : course.intakes()) {
            if (intakeWords(intake).containsAll(wanted)) {
                reasons.add(new Reason("intake", INTAKE, "Has the preferred intake: " + intake));
                return;
            }
        }
    }

    private static List<String> phrasesOf(String interest) {
        List<String> phrases = new ArrayList<>(List.of(interest));
        for (String word : words(interest)) {
            phrases.addAll(ABBREVIATIONS.getOrDefault(word, List.of()));
        }
        return phrases;
    }

    /** Words are equal, or share a stem of at least five letters ("computing" and "computer", "managers" and "management"). */
    private static boolean sameWord(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int common = 0;
        while (common < a.length() && common < b.length() && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        return common >= 5 && common >= Math.max(a.length(), b.length()) - 4;
    }

    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty() && !STOP_WORDS.contains(w))
                .toList();
    }

    /** An intake as comparable words: month names cut to three letters, seasons as their usual month. */
    private static List<String> intakeWords(String intake) {
        return words(intake).stream()
                .map(w -> SEASONS.getOrDefault(w, w.length() > 3 && Character.isLetter(w.charAt(0)) ? w.substring(0, 3) : w))
                .collect(Collectors.toList());
    }
}
