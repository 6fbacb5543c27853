package com.educonsult.crm.admin;

import com.educonsult.crm.platform.messages.RecordedMessages;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/recorded-messages")
@Tag(name = "Administration")
class RecordedMessageController {

    private final RecordedMessages recordedMessages;

    RecordedMessageController(RecordedMessages recordedMessages) {
        this.recordedMessages = recordedMessages;
    }

    @GetMapping
    @RequiresPermission("admin:messages")
    @Operation(summary = "Messages the recording adapters kept instead of sending (one-time codes, invitations), newest first")
    ApiResponse<List<RecordedMessages.RecordedMessage>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(recordedMessages.list(Authenticated.user().organizationId(),
                PageRequest.of(limit, offset)));
    }
}
