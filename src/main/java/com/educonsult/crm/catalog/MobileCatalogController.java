package com.educonsult.crm.catalog;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.MobileResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The Android app's catalogue (seed 01): courses, institutions and countries, over the canonical catalogue
 * services, with the canonical filters. Lists hold active entries unless {@code active} says otherwise.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Android app")
class MobileCatalogController {

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record AppInstitutionRef(UUID id, String name, String country, String countryName, String city, boolean isPartner,
            Integer ranking) {
        static AppInstitutionRef of(Courses.InstitutionRef i) {
            return new AppInstitutionRef(i.id(), i.name(), i.countryCode(), i.countryName(), i.city(), i.isPartner(),
                    i.ranking());
        }
    }

    /** A course in seed 01's names: the fee is tuitionFee. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record AppCourse(UUID id, String name, String level, String field, Integer durationMonths, BigDecimal tuitionFee,
            String currency, List<String> intakes, String requirements, LocalDate applicationDeadline,
            boolean isActive, AppInstitutionRef institution, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static AppCourse of(Courses.CourseView c) {
            return new AppCourse(c.id(), c.name(), c.level(), c.field(), c.durationMonths(), c.fee(), c.currency(),
                    c.intakes(), c.requirements(), c.applicationDeadline(), c.active(),
                    AppInstitutionRef.of(c.institution()), c.createdAt(), c.updatedAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record AppInstitution(UUID id, String name, String country, String countryName, String city, String type,
            Integer ranking, String website, String logoUrl, String description, boolean isPartner, boolean isActive,
            int courseCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static AppInstitution of(Institutions.InstitutionView i) {
            return new AppInstitution(i.id(), i.name(), i.countryCode(), i.countryName(), i.city(), i.type(),
                    i.ranking(), i.website(), i.logoUrl(), i.description(), i.isPartner(), i.active(),
                    i.courseCount(), i.createdAt(), i.updatedAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record AppCountry(String code, String name, String phoneCode, String currency, boolean studyDestination,
            String flag) {
        static AppCountry of(Country c) {
            return new AppCountry(c.code(), c.name(), c.phoneCode(), c.currency(), c.studyDestination(), c.flag());
        }
    }

    private final Courses courses;
    private final Institutions institutions;
    private final Countries countries;

    MobileCatalogController(Courses courses, Institutions institutions, Countries countries) {
        this.courses = courses;
        this.institutions = institutions;
        this.countries = countries;
    }

    @GetMapping("/courses")
    @RequiresPermission("catalog:read")
    @Operation(summary = "Courses with their institution; filters as GET /catalog/courses")
    MobileResponse<List<AppCourse>> courses(
            @RequestParam(required = false) @Size(max = 100) String country,
            @RequestParam(name = "institution_id", required = false) UUID institutionId,
            @RequestParam(required = false) String level,
            @RequestParam(name = "fee_min", required = false) BigDecimal feeMin,
            @RequestParam(name = "fee_max", required = false) BigDecimal feeMax,
            @RequestParam(required = false) @Size(max = 3) String currency,
            @RequestParam(required = false) @Size(max = 40) String intake,
            @RequestParam(required = false) @Size(max = 200) String search,
            @RequestParam(name = "partner_only", required = false, defaultValue = "false") boolean partnerOnly,
            @RequestParam(required = false, defaultValue = "true") Boolean active,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        var filter = new Courses.Filter(country, institutionId, level, feeMin, feeMax, currency, intake, search,
                partnerOnly, active);
        var page = courses.list(organizationId(), filter, PageRequest.of(limit, offset));
        return MobileResponse.ok(page.items().stream().map(AppCourse::of).toList());
    }

    @GetMapping("/courses/{id}")
    @RequiresPermission("catalog:read")
    @Operation(summary = "One course with its institution")
    MobileResponse<AppCourse> course(@PathVariable UUID id) {
        return MobileResponse.ok(AppCourse.of(courses.get(organizationId(), id)));
    }

    @GetMapping("/institutions")
    @RequiresPermission("catalog:read")
    @Operation(summary = "Institutions by name; filters as GET /catalog/institutions")
    MobileResponse<List<AppInstitution>> institutions(
            @RequestParam(required = false) @Size(max = 100) String country,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) @Size(max = 200) String search,
            @RequestParam(name = "partner_only", required = false, defaultValue = "false") boolean partnerOnly,
            @RequestParam(required = false, defaultValue = "true") Boolean active,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        var filter = new Institutions.Filter(country, type, search, partnerOnly, active);
        var page = institutions.list(organizationId(), filter, PageRequest.of(limit, offset));
        return MobileResponse.ok(page.items().stream().map(AppInstitution::of).toList());
    }

    @GetMapping("/institutions/{id}")
    @RequiresPermission("catalog:read")
    @Operation(summary = "One institution, with its number of courses")
    MobileResponse<AppInstitution> institution(@PathVariable UUID id) {
        return MobileResponse.ok(AppInstitution.of(institutions.get(organizationId(), id)));
    }

    @GetMapping("/countries")
    @RequiresPermission("catalog:read")
    @Operation(summary = "The ISO 3166 countries by name; optionally searched or only study destinations")
    MobileResponse<List<AppCountry>> countries(@RequestParam(required = false) @Size(max = 100) String search,
            @RequestParam(name = "destinations_only", required = false, defaultValue = "false") boolean destinationsOnly) {
        return MobileResponse.ok(countries.list(search, destinationsOnly).stream().map(AppCountry::of).toList());
    }

    private static UUID organizationId() {
        return Authenticated.user().organizationId();
    }
}
