package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Lead imports", description = "CSV uploads turned into leads by a job, with progress and an error report")
class ImportController {

    private final Imports imports;
    private final ImportUndo undo;
    private final ImportPreviews previews;

    ImportController(Imports imports, ImportUndo undo, ImportPreviews previews) {
        this.imports = imports;
        this.undo = undo;
        this.previews = previews;
    }

    @PostMapping(path = "/leads/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresPermission("leads:import")
    @Operation(summary = "Import leads from a CSV file (UTF-8, header row, at most 100 MB and 1,000,000 rows): "
            + "mapping is an optional JSON object of CSV column to lead field (full_name is split, "
            + "custom_fields.<key> fills a custom field; by default headers are matched to field names and common "
            + "aliases); duplicate_policy skip (default), update or create; source fills rows without one. Runs as a "
            + "job in batches of 5,000 rows: poll GET /api/v1/imports/{id}",
            description = "Each row is checked as POST /api/v1/leads checks a lead. A row is a duplicate when a live "
                    + "lead, or an earlier row of the file, has one of its phones or its email: skip leaves the lead "
                    + "as it is; update writes the row's non-empty cells onto it (custom fields key by key) but "
                    + "never its status, platform or source_lead_id; create makes a new lead anyway. New leads get "
                    + "their first stage and are assigned by the organization's automatic assignment (or to the "
                    + "importing user when they could not see them otherwise). A server restart continues after the "
                    + "last finished batch. The import can be undone for 24 hours after it finishes: "
                    + "POST /api/v1/imports/{id}/undo")
    ApiResponse<ImportView> start(@RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String mapping,
            @RequestParam(name = "duplicate_policy", required = false) String duplicatePolicy,
            @RequestParam(required = false) String source) {
        if (file == null) {
            throw ApiException.invalid("file", "is required");
        }
        return ApiResponse.ok(imports.start(Authenticated.user(), file, mapping, duplicatePolicy, source),
                "Import queued");
    }

    @PostMapping(path = "/leads/import/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @RequiresPermission("leads:import")
    @Operation(summary = "Dry-run an import: the file's columns, the mapping that would be used and what each of "
            + "its first rows (rows, default 20, at most 100) would do under the duplicate policy; nothing is written",
            description = "Takes the file, mapping and duplicate_policy of POST /api/v1/leads/import. Without a "
                    + "mapping, each column is mapped as the organization last chose for a column of that name in "
                    + "an import, else by its header's own name. A row is checked exactly as the import checks it; "
                    + "duplicates are found among the organization's live leads and the earlier previewed rows.")
    ApiResponse<ImportPreview> preview(@RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String mapping,
            @RequestParam(name = "duplicate_policy", required = false) String duplicatePolicy,
            @RequestParam(required = false) Integer rows) {
        return ApiResponse.ok(previews.preview(Authenticated.user(), file, mapping, duplicatePolicy, rows));
    }

    @GetMapping("/imports")
    @RequiresPermission("leads:import")
    @Operation(summary = "Lead imports, newest first: an admin sees the organization's, anyone else their own")
    ApiResponse<List<ImportView>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(imports.list(Authenticated.user(), PageRequest.of(limit, offset)));
    }

    @GetMapping("/imports/{id}")
    @RequiresPermission("leads:import")
    @Operation(summary = "An import's status (queued, running, completed, failed), progress and counts")
    ApiResponse<ImportView> get(@PathVariable UUID id) {
        return ApiResponse.ok(imports.get(Authenticated.user(), id));
    }

    @PostMapping("/imports/{id}/undo")
    @RequiresPermission("leads:import")
    @Operation(summary = "Undo a finished import within 24 hours of its end: the leads it created are deleted "
            + "(soft, restorable) and the fields it changed on existing leads are set back",
            description = "A lead the import created or changed that someone has worked on since (changed it, "
                    + "assigned it, called it or recorded an interaction) is kept as it is and counted in "
                    + "kept_count. Undoing again answers the first undo's result. 409 while the import runs, and "
                    + "after the 24 hours. An admin may undo any import of the organization, anyone else the "
                    + "imports they started.")
    ApiResponse<ImportUndo.Result> undo(@PathVariable UUID id) {
        return ApiResponse.ok(undo.undo(Authenticated.user(), id), "Import undone");
    }

    @GetMapping("/imports/{id}/errors")
    @RequiresPermission("leads:import")
    @Operation(summary = "The rejected rows of a completed import as CSV: row (the header is row 1), reason, then "
            + "the row's own columns; 404 when no row was rejected",
            responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
                    description = "The rejected rows",
                    content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
    ResponseEntity<StreamingResponseBody> errors(@PathVariable UUID id) {
        InputStream report = imports.errorReport(Authenticated.user(), id);
        StreamingResponseBody body = out -> {
            try (report) {
                report.transferTo(out);
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=import-" + id + "-errors.csv")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(body);
    }
}
