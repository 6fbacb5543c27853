package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.platform.web.RefusesNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
@RequestMapping("/api/v1")
@Tag(name = "Students")
class StudentController {

    private final Students students;

    StudentController(Students students) {
        this.students = students;
    }

    @PostMapping("/leads/{id}/convert")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("leads:write")
    @Operation(summary = "Convert a lead into a student with the enrolment and fee plan; once per lead")
    ApiResponse<StudentView> convert(@PathVariable UUID id, @Valid @RequestBody StudentRequests.Convert request) {
        return ApiResponse.ok(students.convert(Authenticated.user(), id, request), "Lead converted to a student");
    }

    @GetMapping("/students")
    @RequiresPermission("leads:read")
    @Operation(summary = "List students of the leads in the caller's scope, filtered and searched by the lead's name")
    ApiResponse<List<StudentView>> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) @Size(max = 50) String intake,
            @RequestParam(required = false) @Size(max = 100) String country,
            @RequestParam(required = false) @Size(max = 200) String search,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        if (status != null && !status.matches(StudentRequests.STATUSES)) {
            throw ApiException.invalid("status", "must be enrolled, deferred, withdrawn or completed");
        }
        var filter = new Students.Filter(status, intake, country, search);
        return ApiResponse.page(students.list(Authenticated.user(), filter, PageRequest.of(limit, offset)));
    }

    @GetMapping("/students/{id}")
    @RequiresPermission("leads:read")
    @Operation(summary = "One student with their lead's name, phone and email")
    ApiResponse<StudentView> get(@PathVariable UUID id) {
        return ApiResponse.ok(students.get(Authenticated.user(), id));
    }

    @PatchMapping("/students/{id}")
    @RequiresPermission("leads:write")
    @RefusesNull({"status", "fee_currency"})
    @Operation(summary = "Change a student's status (enrolled, deferred, withdrawn, completed) or enrolment fields")
    ApiResponse<StudentView> update(@PathVariable UUID id, @Valid @RequestBody StudentRequests.Update request,
            MergePatch patch) {
        return ApiResponse.ok(students.update(Authenticated.user(), id, request, patch), "Student updated");
    }
}
