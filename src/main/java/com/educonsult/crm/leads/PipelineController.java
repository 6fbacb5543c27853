package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/pipeline")
@Tag(name = "Stages")
class PipelineController {

    private final PipelineSummaries summaries;

    PipelineController(PipelineSummaries summaries) {
        this.summaries = summaries;
    }

    @GetMapping("/summary")
    @RequiresPermission("leads:read")
    @Operation(summary = "Live leads per status of the pipeline (the caller's scope): count, sum of budgets per "
            + "currency (" + PipelineSummaries.BUDGET_BASIS + ") and average days in the current status")
    ApiResponse<PipelineSummaries.PipelineSummary> summary() {
        return ApiResponse.ok(summaries.summary(Authenticated.user()));
    }
}
