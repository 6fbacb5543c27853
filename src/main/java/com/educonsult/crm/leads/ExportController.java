package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/leads")
@Tag(name = "Lead exports", description = "The leads of a list, within the caller's scope, as a CSV or XLSX file")
class ExportController {

    private final Exports exports;
    private final Clock clock;

    ExportController(Exports exports, Clock clock) {
        this.exports = exports;
        this.clock = clock;
    }

    @GetMapping("/export")
    @RequiresPermission("leads:export")
    @Operation(summary = "Export leads as csv (default) or xlsx, streamed: the filters and order of GET /api/v1/leads, "
            + "within the caller's data scope, every matching lead (no paging)",
            responses = @ApiResponse(responseCode = "200", description = "The leads, as a download", content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            schema = @Schema(type = "string", format = "binary"))}))
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String format,
            @ParameterObject LeadListParams params) {
        Exports.Format chosen = Exports.Format.of(format);
        LeadFilter filter = params.toFilter();
        CurrentUser user = Authenticated.user();
        LeadSearch.Query query = exports.prepare(user, filter);
        StreamingResponseBody body = out -> exports.write(user, filter, query, chosen, out);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=leads-" + LocalDate.now(clock) + "." + chosen.extension)
                .contentType(MediaType.parseMediaType(chosen.contentType))
                .body(body);
    }
}
