package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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
            description = "The download runs for as long as it takes (no request timeout). Should it fail after it "
                    + "started, the connection is closed without the end of the chunked answer, so the client sees "
                    + "an incomplete download, never a complete-looking one. CSV: RFC 4180 (CRLF), a header row, "
                    + "lists joined with ';', times in UTC as ISO 8601.",
            responses = @ApiResponse(responseCode = "200", description = "The leads, as a download", content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            schema = @Schema(type = "string", format = "binary"))}))
    void export(@RequestParam(required = false) String format, @ParameterObject LeadListParams params,
            HttpServletResponse response) throws IOException {
        CurrentUser user = Authenticated.user();
        Exports.Prepared export = exports.prepare(user, params, format);
        // written here, on the request's own (virtual) thread: no asynchronous request, so no request timeout
        // cuts a long export short
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(export.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=" + export.fileName(LocalDate.now(clock)));
        OutputStream out = response.getOutputStream();
        exports.write(user, export, out);
        out.flush();
    }
}
