package com.educonsult.crm.activities;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Timeline")
class TimelineController {

    private final Timeline timeline;

    TimelineController(Timeline timeline) {
        this.timeline = timeline;
    }

    @GetMapping("/api/v1/leads/{id}/timeline")
    @RequiresPermission("leads:read")
    @Operation(summary = "A lead's notes, activities (stage changes and assignments included) and tasks, newest "
            + "first; page by limit/offset or by the cursor of the previous page")
    ApiResponse<List<Timeline.TimelineItem>> timeline(@PathVariable UUID id,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return response(timeline.of(Authenticated.user(), id, limit, offset, cursor));
    }

    static ApiResponse<List<Timeline.TimelineItem>> response(CursorPage<Timeline.TimelineItem> page) {
        return page.response();
    }
}
