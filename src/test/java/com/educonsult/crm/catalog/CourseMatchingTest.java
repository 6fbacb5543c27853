package com.educonsult.crm.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CourseMatchingTest {

    private static Courses.CourseView course(String name, String field, String country, String institution,
            String fee, String currency, String... intakes) {
        var ref = new Courses.InstitutionRef(UUID.randomUUID(), institution, country, null, null, false, null);
        return new Courses.CourseView(UUID.randomUUID(), ref, name, "master", field, 12,
                fee == null ? null : new BigDecimal(fee), currency, List.of(intakes), null, null, true, null, null);
    }

    private static CourseMatching.Preferences wants(List<String> interests, Set<String> countries,
            List<String> institutions, String budget, String currency, String intake) {
        return new CourseMatching.Preferences(interests, countries, institutions,
                budget == null ? null : new BigDecimal(budget), currency, intake);
    }

    private static List<String> criteria(CourseMatching.Match match) {
        return match.reasons().stream().filter(r -> r.points() > 0).map(CourseMatching.Reason::criterion).toList();
    }

    @Test
    void aCourseMatchingEveryPreferenceScoresOneHundred() {
        var match = CourseMatching.score(
                wants(List.of("Data Science"), Set.of("GB"), List.of("Manchester"), "35000", "GBP", "September 2026"),
                course("MSc Data Science", "Computer Science", "GB", "University of Manchester", "32000", "GBP", "Sep 2026"));

        assertThat(match.score()).isEqualTo(100);
        assertThat(criteria(match)).containsExactly("interest", "country", "institution", "budget", "intake");
    }

    @Test
    void interestsMatchTheCourseNameOrFieldIgnoringCaseWordFormsAndAbbreviations() {
        var lead = wants(List.of("computing"), Set.of(), List.of(), null, "INR", null);
        assertThat(CourseMatching.score(lead, course("BSc Computer Science", null, "GB", "X", null, "GBP")).score())
                .isEqualTo(CourseMatching.INTEREST);
        assertThat(CourseMatching.score(wants(List.of("MBA"), Set.of(), List.of(), null, "INR", null),
                course("Master of Business Administration", null, "US", "X", null, "USD")).score())
                .isEqualTo(CourseMatching.INTEREST);
        assertThat(CourseMatching.score(wants(List.of("engineering"), Set.of(), List.of(), null, "INR", null),
                course("MSc Automation", "Mechanical Engineering", "DE", "X", null, "EUR")).score())
                .isEqualTo(CourseMatching.INTEREST);
        assertThat(CourseMatching.score(wants(List.of("Data Analytics"), Set.of(), List.of(), null, "INR", null),
                course("MSc Data Science", null, "GB", "X", null, "GBP")).score())
                .as("half the words of the interest").isEqualTo(CourseMatching.PARTIAL_INTEREST);
        assertThat(CourseMatching.score(wants(List.of("International Law"), Set.of(), List.of(), null, "INR", null),
                course("MSc Internet Systems", null, "GB", "X", null, "GBP")).score()).isZero();
    }

    @Test
    void aCourseAboveBudgetScoresLowerButIsNotLeftOut() {
        var lead = wants(List.of("Nursing"), Set.of(), List.of(), "40000", "AUD", null);
        var within = course("Bachelor of Nursing", null, "AU", "A", "38000", "AUD");
        var near = course("Master of Nursing", null, "AU", "B", "45000", "AUD");
        var above = course("Nursing Practice", null, "AU", "C", "90000", "AUD");

        List<CourseMatching.Match> ranked = CourseMatching.rank(lead, List.of(above, near, within));

        assertThat(ranked).extracting(m -> m.course().name())
                .containsExactly("Bachelor of Nursing", "Master of Nursing", "Nursing Practice");
        assertThat(ranked).extracting(CourseMatching.Match::score).containsExactly(
                CourseMatching.INTEREST + CourseMatching.WITHIN_BUDGET, CourseMatching.INTEREST + CourseMatching.NEAR_BUDGET,
                CourseMatching.INTEREST);
        assertThat(ranked.get(2).reasons()).anySatisfy(r -> assertThat(r.detail()).contains("above the budget"));
    }

    @Test
    void feesInAnotherCurrencyAreNotComparedWithTheBudget() {
        var match = CourseMatching.score(wants(List.of(), Set.of("US"), List.of(), "3000000", "INR", null),
                course("MS Computer Science", null, "US", "ASU", "36000", "USD"));

        assertThat(match.score()).isEqualTo(CourseMatching.COUNTRY);
        assertThat(match.reasons()).anySatisfy(r -> {
            assertThat(r.criterion()).isEqualTo("budget");
            assertThat(r.points()).isZero();
            assertThat(r.detail()).contains("different currencies");
        });
    }

    @Test
    void preferredInstitutionsMatchWhateverTheWordOrder() {
        var lead = wants(List.of(), Set.of(), List.of("Toronto University"), null, "INR", null);

        assertThat(CourseMatching.score(lead, course("MEng", null, "CA", "University of Toronto", null, "CAD")).score())
                .isEqualTo(CourseMatching.INSTITUTION);
        assertThat(CourseMatching.score(lead, course("MEng", null, "CA", "York University", null, "CAD")).score()).isZero();
    }

    @Test
    void intakesMatchByMonthSeasonOrYear() {
        var course = course("MS Data Science", null, "US", "NEU", null, "USD", "Sep 2026", "Jan 2027");

        assertThat(CourseMatching.score(wants(List.of(), Set.of(), List.of(), null, "INR", "Fall 2026"), course).score())
                .isEqualTo(CourseMatching.INTAKE);
        assertThat(CourseMatching.score(wants(List.of(), Set.of(), List.of(), null, "INR", "January"), course).score())
                .isEqualTo(CourseMatching.INTAKE);
        assertThat(CourseMatching.score(wants(List.of(), Set.of(), List.of(), null, "INR", "2027"), course).score())
                .isEqualTo(CourseMatching.INTAKE);
        assertThat(CourseMatching.score(wants(List.of(), Set.of(), List.of(), null, "INR", "May 2026"), course).score())
                .isZero();
    }

    @Test
    void coursesMatchingNothingAreLeftOutAndTiesGoToPartnersThenLowerFees() {
        var lead = wants(List.of(), Set.of("CA"), List.of(), null, "INR", null);
        var partnerRef = new Courses.InstitutionRef(UUID.randomUUID(), "Partner", "CA", "Canada", null, true, null);
        var partner = new Courses.CourseView(UUID.randomUUID(), partnerRef, "Z Course", "diploma", null, 12,
                new BigDecimal("20000"), "CAD", List.of(), null, null, true, null, null);
        var cheaper = course("A Cheaper", null, "CA", "Other", "10000", "CAD");
        var dearer = course("B Dearer", null, "CA", "Other", "15000", "CAD");
        var elsewhere = course("Elsewhere", null, "AU", "Far", "1000", "AUD");

        assertThat(CourseMatching.rank(lead, List.of(elsewhere, dearer, cheaper, partner)))
                .extracting(m -> m.course().name()).containsExactly("Z Course", "A Cheaper", "B Dearer");
    }
}
