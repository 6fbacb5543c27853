package com.educonsult.crm.web.transfer;

import com.educonsult.crm.leads.ImportPreview;
import com.educonsult.crm.leads.ImportPreviews;
import com.educonsult.crm.leads.ImportUndo;
import com.educonsult.crm.leads.ImportView;
import com.educonsult.crm.leads.Imports;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.support.Forms;
import com.educonsult.crm.web.support.Htmx;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import wizard: choose a CSV file, map its columns (as the organization mapped columns of the same names
 * before), see what the first rows would do, then import while a progress bar follows the job; afterwards the
 * counts, the rejected rows as a CSV and an undo. Every step is the leads module's, as the API's import is.
 */
@Controller
class ImportPagesController {

    static final List<String> POLICIES = List.of("skip", "update", "create");

    private final Imports imports;
    private final ImportPreviews previews;
    private final ImportUndo undo;
    private final JsonMapper json;

    ImportPagesController(Imports imports, ImportPreviews previews, ImportUndo undo, JsonMapper json) {
        this.imports = imports;
        this.previews = previews;
        this.undo = undo;
        this.json = json;
    }

    @GetMapping("/leads/import")
    @RequiresPermission("leads:import")
    String wizard(Model model) {
        model.addAttribute("policies", POLICIES);
        return "imports/wizard";
    }

    @PostMapping("/leads/import/preview")
    @RequiresPermission("leads:import")
    String preview(@RequestParam(required = false) MultipartFile file,
            @RequestParam MultiValueMap<String, String> form, Model model) {
        try {
            ImportPreview preview = previews.preview(Authenticated.user(), file, mappingOf(form),
                    form.getFirst("duplicate_policy"), null);
            model.addAttribute("preview", ImportWizardView.of(preview, json));
        } catch (ApiException refused) {
            model.addAttribute("errors", Forms.errorsOf(refused));
        }
        return "imports/wizard :: preview";
    }

    @PostMapping("/leads/import")
    @RequiresPermission("leads:import")
    String start(@RequestParam(required = false) MultipartFile file,
            @RequestParam MultiValueMap<String, String> form, Model model) {
        try {
            ImportView started = imports.start(Authenticated.user(), file, mappingOf(form),
                    form.getFirst("duplicate_policy"), form.getFirst("source"));
            return "redirect:/leads/imports/" + started.id();
        } catch (ApiException refused) {
            model.addAttribute("policies", POLICIES);
            model.addAttribute("errors", Forms.errorsOf(refused));
            return "imports/wizard";
        }
    }

    @GetMapping("/leads/imports")
    @RequiresPermission("leads:import")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        int size = 25;
        var found = imports.list(Authenticated.user(), PageRequest.of(size, Math.max(0, page) * size));
        model.addAttribute("imports", found.items());
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("hasMore", found.total() != null && (long) (Math.max(0, page) + 1) * size < found.total());
        return "imports/list";
    }

    @GetMapping("/leads/imports/{id}")
    @RequiresPermission("leads:import")
    String progress(@PathVariable UUID id, @RequestParam(required = false) String notice, HttpServletRequest request,
            Model model) {
        model.addAttribute("job", imports.get(Authenticated.user(), id));
        model.addAttribute("notice", notice);
        return Htmx.isHtmx(request) ? "imports/progress :: progress" : "imports/progress";
    }

    @GetMapping("/leads/imports/{id}/errors")
    @RequiresPermission("leads:import")
    ResponseEntity<StreamingResponseBody> errors(@PathVariable UUID id) {
        InputStream report = imports.errorReport(Authenticated.user(), id);
        StreamingResponseBody body = out -> {
            try (report) {
                report.transferTo(out);
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=import-" + id + "-errors.csv")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }

    @PostMapping("/leads/imports/{id}/undo")
    @RequiresPermission("leads:import")
    String undo(@PathVariable UUID id) {
        String notice;
        try {
            ImportUndo.Result result = undo.undo(Authenticated.user(), id);
            notice = "Import undone: " + result.removedCount() + " new leads removed, " + result.revertedCount()
                    + " changed leads set back" + (result.keptCount() == 0 ? "."
                    : ", " + result.keptCount() + " kept because someone has worked on them since.");
        } catch (ApiException refused) {
            if (refused.status().value() == 404) {
                throw refused;
            }
            notice = refused.getMessage();
        }
        return "redirect:/leads/imports/" + id + "?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8);
    }

    /**
     * The mapping the wizard's column choices make, as the API's JSON; null (the organization's earlier choices and
     * the headers decide) before any choice was shown. The page clears the choices when another file is chosen.
     */
    private String mappingOf(MultiValueMap<String, String> form) {
        String madeFor = form.getFirst("mapping_for");
        if (madeFor == null || madeFor.isBlank()) {
            return null;
        }
        List<String> header;
        try {
            header = List.of(json.readValue(madeFor, String[].class));
        } catch (tools.jackson.core.JacksonException | NullPointerException notAHeader) {
            return null;
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String field = form.getFirst("column_" + i);
            mapping.put(header.get(i), field == null ? "" : field);
        }
        return json.writeValueAsString(mapping);
    }
}
