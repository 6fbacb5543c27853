package com.educonsult.crm.catalog;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/catalog/courses")
@Tag(name = "Catalogue")
class CourseController {

    private final Courses courses;

    CourseController(Courses courses) {
        this.courses = courses;
    }

    @GetMapping
    @RequiresPermission("catalog:read")
    @Operation(summary = "List courses with their institution; filter by country, institution, level, fee range "
            + "(with currency), intake, partner institutions, active and text over course, field and institution names")
    ApiResponse<List<Courses.CourseView>> list(
            @RequestParam(required = false) @Size(max = 100) String country,
            @RequestParam(name = "institution_id", required = false) UUID institutionId,
            @RequestParam(required = false) String level,
            @RequestParam(name = "fee_min", required = false) BigDecimal feeMin,
            @RequestParam(name = "fee_max", required = false) BigDecimal feeMax,
            @RequestParam(required = false) @Size(max = 3) String currency,
            @RequestParam(required = false) @Size(max = 40) String intake,
            @RequestParam(required = false) @Size(max = 200) String search,
            @RequestParam(name = "partner_only", required = false, defaultValue = "false") boolean partnerOnly,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        var filter = new Courses.Filter(country, institutionId, level, feeMin, feeMax, currency, intake, search,
                partnerOnly, active);
        return ApiResponse.page(courses.list(organizationId(), filter, PageRequest.of(limit, offset)));
    }

    @GetMapping("/{id}")
    @RequiresPermission("catalog:read")
    @Operation(summary = "One course with its institution")
    ApiResponse<Courses.CourseView> get(@PathVariable UUID id) {
        return ApiResponse.ok(courses.get(organizationId(), id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("catalog:write")
    @Operation(summary = "Create a course at an institution; without a currency, the fee is in the institution country's")
    ApiResponse<Courses.CourseView> create(@Valid @RequestBody CatalogRequests.CreateCourse request) {
        return ApiResponse.ok(courses.create(organizationId(), request), "Course created");
    }

    @PatchMapping("/{id}")
    @RequiresPermission("catalog:write")
    @RefusesNull({"institution_id", "name", "level", "currency", "active"})
    @Operation(summary = "Change a course", description = "intakes null or an empty list removes every intake.")
    ApiResponse<Courses.CourseView> update(@PathVariable UUID id,
            @Valid @RequestBody CatalogRequests.UpdateCourse request, MergePatch patch) {
        return ApiResponse.ok(courses.update(organizationId(), id, request, patch), "Course updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("catalog:write")
    @Operation(summary = "Delete a course")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        courses.delete(organizationId(), id);
        return ApiResponse.ok(null, "Course deleted");
    }

    private static UUID organizationId() {
        return Authenticated.user().organizationId();
    }
}
