package com.educonsult.crm.catalog;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Catalogue")
class CourseMatchController {

    private final CourseMatches matches;

    CourseMatchController(CourseMatches matches) {
        this.matches = matches;
    }

    @GetMapping("/api/v1/leads/{id}/course-matches")
    @RequiresPermission("catalog:read")
    @Operation(summary = "Active courses ranked for a lead by interests, countries, institutions, budget and intake, "
            + "with the score (0-100) and its reasons; 404 for a lead outside the caller's data scope")
    ApiResponse<CourseMatches.MatchesView> forLead(@PathVariable UUID id,
            @Parameter(description = "How many matches (at most 100)",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100")) @RequestParam(required = false) Integer limit) {
        return ApiResponse.ok(matches.forLead(Authenticated.user(), id, limit));
    }
}
