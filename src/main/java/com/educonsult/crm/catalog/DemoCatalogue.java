package com.educonsult.crm.catalog;

import com.educonsult.crm.identity.DemoOrganizationSeeded;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Completes the demo organization's starter catalogue with the destinations its demo leads ask for and the
 * starter one lacks (Ireland, New Zealand, MBBS in Georgia), through the catalogue's own services; these are
 * the organization's partner institutions.
 */
@Component
class DemoCatalogue {

    private record Course(String name, String level, String field, int months, long fee, int... intakeMonths) {
    }

    private record Institution(String country, String currency, String name, String city, String type,
            String website, List<Course> courses) {
    }

    private static final List<Institution> PARTNERS = List.of(
            new Institution("IE", "EUR", "University College Dublin", "Dublin", "university", "https://www.ucd.ie",
                    List.of(new Course("MSc Computer Science", "master", "Computer Science", 12, 27_100, 9),
                            new Course("MSc Business Analytics", "master", "Business Analytics", 12, 29_500, 9))),
            new Institution("IE", "EUR", "Griffith College", "Dublin", "college", "https://www.griffith.ie",
                    List.of(new Course("PG Diploma in Business Management", "diploma", "Business", 12, 11_500, 1, 9))),
            new Institution("NZ", "NZD", "University of Auckland", "Auckland", "university",
                    "https://www.auckland.ac.nz",
                    List.of(new Course("Master of Public Health", "master", "Public Health", 18, 48_500, 3, 7),
                            new Course("Bachelor of Nursing", "bachelor", "Nursing", 36, 41_000, 3))),
            new Institution("GE", "USD", "Tbilisi State Medical University", "Tbilisi", "university",
                    "https://tsmu.edu",
                    List.of(new Course("MBBS (MD) for international students", "bachelor", "Medicine", 72, 8_000,
                            9, 2))));

    private final Institutions institutions;
    private final Courses courses;
    private final Clock clock;

    DemoCatalogue(Institutions institutions, Courses courses, Clock clock) {
        this.institutions = institutions;
        this.courses = courses;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void seed(DemoOrganizationSeeded organization) {
        UUID organizationId = organization.organizationId();
        YearMonth thisMonth = YearMonth.from(LocalDate.now(clock));
        for (Institution institution : PARTNERS) {
            UUID institutionId = institutions.create(organizationId, new CatalogRequests.CreateInstitution(
                    institution.name(), institution.country(), institution.city(), institution.type(), null,
                    institution.website(), true, null, "Partner institution of the demo consultancy.", true)).id();
            for (Course course : institution.courses()) {
                List<YearMonth> intakes = nextIntakes(thisMonth, course.intakeMonths());
                courses.create(organizationId, new CatalogRequests.CreateCourse(institutionId, course.name(),
                        course.level(), course.field(), course.months(), BigDecimal.valueOf(course.fee()),
                        institution.currency(), intakes.stream().map(DemoCatalogue::label).toList(),
                        "Indicative fee per year; check the current requirements with the institution.",
                        intakes.getFirst().atDay(1).minusMonths(3), true));
            }
        }
    }

    private static List<YearMonth> nextIntakes(YearMonth thisMonth, int... months) {
        return java.util.Arrays.stream(months).mapToObj(month -> {
            YearMonth intake = YearMonth.of(thisMonth.getYear(), month);
            return intake.isAfter(thisMonth.plusMonths(3)) ? intake : intake.plusYears(1);
        }).sorted().toList();
    }

    private static String label(YearMonth intake) {
        return intake.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + intake.getYear();
    }
}
