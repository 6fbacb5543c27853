package com.educonsult.crm.catalog;

import static com.educonsult.crm.jooq.Tables.COURSES;
import static com.educonsult.crm.jooq.Tables.INSTITUTIONS;

import com.educonsult.crm.identity.OrganizationCreated;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A small catalogue every new organization starts with, so that course matching works on day one. Fees are
 * indicative samples; intakes are the next ones after the day the organization is created, each with an
 * application deadline three months before the first.
 */
@Component
class StarterCatalogue {

    private record Course(String name, String level, String field, int months, long fee, Month... intakes) {
    }

    private record Institution(String country, String name, String city, String type, String website,
            List<Course> courses) {
    }

    private static final String NOTE = "Sample entry: check the current fees, intakes and requirements with the institution.";

    private static final List<Institution> INSTITUTIONS_TO_SEED = List.of(
            new Institution("GB", "University of Manchester", "Manchester", "university", "https://www.manchester.ac.uk",
                    List.of(new Course("MSc Data Science", "master", "Computer Science", 12, 32_000, Month.SEPTEMBER),
                            new Course("Global MBA", "master", "Business Administration", 24, 52_000, Month.SEPTEMBER, Month.JANUARY))),
            new Institution("GB", "University of Leeds", "Leeds", "university", "https://www.leeds.ac.uk",
                    List.of(new Course("BSc Computer Science", "bachelor", "Computer Science", 36, 31_750, Month.SEPTEMBER),
                            new Course("MSc International Business", "master", "Business", 12, 29_000, Month.SEPTEMBER),
                            new Course("International Foundation Year", "foundation", "Business", 9, 18_500, Month.SEPTEMBER, Month.JANUARY))),
            new Institution("CA", "University of Toronto", "Toronto", "university", "https://www.utoronto.ca",
                    List.of(new Course("MEng Electrical and Computer Engineering", "master", "Engineering", 24, 62_000, Month.SEPTEMBER),
                            new Course("Bachelor of Commerce", "bachelor", "Business", 48, 61_000, Month.SEPTEMBER))),
            new Institution("CA", "Seneca Polytechnic", "Toronto", "college", "https://www.senecapolytechnic.ca",
                    List.of(new Course("Graduate Certificate in Project Management", "certificate", "Management", 8, 18_500, Month.SEPTEMBER, Month.JANUARY, Month.MAY),
                            new Course("Computer Programming Diploma", "diploma", "Computer Science", 24, 19_000, Month.SEPTEMBER, Month.JANUARY))),
            new Institution("AU", "University of Melbourne", "Melbourne", "university", "https://www.unimelb.edu.au",
                    List.of(new Course("Master of Information Technology", "master", "Information Technology", 24, 52_000, Month.FEBRUARY, Month.JULY),
                            new Course("Master of Public Health", "master", "Public Health", 24, 47_000, Month.FEBRUARY))),
            new Institution("AU", "Monash University", "Melbourne", "university", "https://www.monash.edu",
                    List.of(new Course("Master of Professional Accounting", "master", "Accounting", 24, 49_000, Month.FEBRUARY, Month.JULY),
                            new Course("Bachelor of Nursing", "bachelor", "Nursing", 36, 38_000, Month.FEBRUARY))),
            new Institution("US", "Arizona State University", "Tempe", "university", "https://www.asu.edu",
                    List.of(new Course("MS Computer Science", "master", "Computer Science", 24, 36_000, Month.AUGUST, Month.JANUARY),
                            new Course("MS Business Analytics", "master", "Business Analytics", 12, 44_000, Month.AUGUST))),
            new Institution("US", "Northeastern University", "Boston", "university", "https://www.northeastern.edu",
                    List.of(new Course("MS Data Science", "master", "Computer Science", 24, 58_000, Month.SEPTEMBER, Month.JANUARY),
                            new Course("MS Project Management", "master", "Management", 18, 42_000, Month.SEPTEMBER, Month.JANUARY))),
            new Institution("DE", "Technical University of Munich", "Munich", "university", "https://www.tum.de",
                    List.of(new Course("MSc Informatics", "master", "Computer Science", 24, 24_000, Month.OCTOBER, Month.APRIL),
                            new Course("MSc Mechanical Engineering", "master", "Engineering", 24, 24_000, Month.OCTOBER))),
            new Institution("DE", "RWTH Aachen University", "Aachen", "university", "https://www.rwth-aachen.de",
                    List.of(new Course("MSc Automation Engineering", "master", "Engineering", 24, 1_300, Month.OCTOBER),
                            new Course("MSc Data Science", "master", "Computer Science", 24, 1_300, Month.OCTOBER, Month.APRIL))),
            new Institution("IN", "Symbiosis International University", "Pune", "university", "https://www.siu.edu.in",
                    List.of(new Course("MBA", "master", "Business Administration", 24, 2_300_000, Month.JULY),
                            new Course("BBA", "bachelor", "Business Administration", 36, 900_000, Month.JULY))),
            new Institution("IN", "Manipal Academy of Higher Education", "Manipal", "university", "https://www.manipal.edu",
                    List.of(new Course("B.Tech Computer Science and Engineering", "bachelor", "Engineering", 48, 1_800_000, Month.AUGUST),
                            new Course("MSc Data Science", "master", "Computer Science", 24, 600_000, Month.AUGUST))));

    private static final Map<String, String> CURRENCIES = Map.of(
            "GB", "GBP", "CA", "CAD", "AU", "AUD", "US", "USD", "DE", "EUR", "IN", "INR");

    private final DSLContext db;
    private final AuditTrail audit;
    private final Clock clock;

    StarterCatalogue(DSLContext db, AuditTrail audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void seed(OrganizationCreated event) {
        UUID organizationId = event.organizationId();
        LocalDate today = LocalDate.now(clock);
        int courses = 0;
        for (Institution institution : INSTITUTIONS_TO_SEED) {
            UUID institutionId = Ids.newId();
            db.insertInto(INSTITUTIONS)
                    .set(INSTITUTIONS.ORGANIZATION_ID, organizationId)
                    .set(INSTITUTIONS.ID, institutionId)
                    .set(INSTITUTIONS.COUNTRY_CODE, institution.country())
                    .set(INSTITUTIONS.NAME, institution.name())
                    .set(INSTITUTIONS.CITY, institution.city())
                    .set(INSTITUTIONS.TYPE, institution.type())
                    .set(INSTITUTIONS.WEBSITE, institution.website())
                    .set(INSTITUTIONS.DESCRIPTION, NOTE)
                    .execute();
            for (Course course : institution.courses()) {
                List<YearMonth> intakes = nextIntakes(today, course.intakes());
                db.insertInto(COURSES)
                        .set(COURSES.ORGANIZATION_ID, organizationId)
                        .set(COURSES.ID, Ids.newId())
                        .set(COURSES.INSTITUTION_ID, institutionId)
                        .set(COURSES.NAME, course.name())
                        .set(COURSES.LEVEL, course.level())
                        .set(COURSES.FIELD, course.field())
                        .set(COURSES.DURATION_MONTHS, course.months())
                        .set(COURSES.FEE, BigDecimal.valueOf(course.fee()))
                        .set(COURSES.CURRENCY, CURRENCIES.get(institution.country()))
                        .set(COURSES.INTAKES, intakes.stream().map(StarterCatalogue::label).toArray(String[]::new))
                        .set(COURSES.APPLICATION_DEADLINE, intakes.getFirst().atDay(1).minusMonths(3))
                        .execute();
                courses++;
            }
        }
        audit.recordBy(event.adminUserId(), "catalog.seeded", "catalog", organizationId, null,
                Map.of("institutions", INSTITUTIONS_TO_SEED.size(), "courses", courses));
    }

    /** The next occurrence of each intake month, at least three months away, soonest first. */
    static List<YearMonth> nextIntakes(LocalDate today, Month... months) {
        YearMonth earliest = YearMonth.from(today).plusMonths(3);
        return java.util.Arrays.stream(months)
                .map(m -> {
                    YearMonth candidate = YearMonth.of(earliest.getYear(), m);
                    return candidate.isBefore(earliest) ? candidate.plusYears(1) : candidate;
                })
                .sorted()
                .toList();
    }

    static String label(YearMonth intake) {
        return intake.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + intake.getYear();
    }
}
