package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/leads/form")
@Tag(name = "Lead form", description = "The organization's extra lead fields, checked on every lead write")
class LeadFormController {

    private final LeadForm form;

    LeadFormController(LeadForm form) {
        this.form = form;
    }

    @GetMapping
    @RequiresPermission("leads:read")
    @Operation(summary = "The custom lead fields, in order")
    ApiResponse<List<LeadForm.FormField>> get() {
        return ApiResponse.ok(form.definition(Authenticated.user().organizationId()));
    }

    @PutMapping
    @RequiresPermission("settings:manage")
    @Operation(summary = "Replace the whole definition: key, label, type (text, number, date, select, multiselect, "
            + "phone, email, boolean), required, options (for select and multiselect), position")
    ApiResponse<List<LeadForm.FormField>> replace(@Valid @RequestBody LeadForm.Definition definition) {
        return ApiResponse.ok(form.replace(Authenticated.user().organizationId(), definition), "Lead form saved");
    }
}
