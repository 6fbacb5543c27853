package com.educonsult.crm.web.transfer;

import com.educonsult.crm.leads.Exports;
import com.educonsult.crm.leads.LeadListParams;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The leads list's export: the list as it is filtered, streamed as CSV or XLSX by the leads module's export (the
 * API's), which the page reads as it arrives to show how far it has got.
 */
@Controller
class ExportPagesController {

    private final Exports exports;
    private final Clock clock;

    ExportPagesController(Exports exports, Clock clock) {
        this.exports = exports;
        this.clock = clock;
    }

    @GetMapping("/leads/export")
    @RequiresPermission("leads:export")
    void export(@RequestParam(required = false) String format, @ModelAttribute LeadListParams params,
            HttpServletResponse response) throws IOException {
        CurrentUser user = Authenticated.user();
        Exports.Prepared export = exports.prepare(user, params, format);
        response.setContentType(export.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=" + export.fileName(LocalDate.now(clock)));
        OutputStream out = response.getOutputStream();
        exports.write(user, export, out);
        out.flush();
    }
}
