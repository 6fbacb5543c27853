package com.educonsult.crm.messaging;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
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
import org.springframework.web.bind.annotation.DeleteMapping;
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
@RequestMapping("/api/v1/templates/messages")
@Tag(name = "Templates")
class MessageTemplateController {

    private final MessageTemplates templates;
    private final LeadRendering rendering;

    MessageTemplateController(MessageTemplates templates, LeadRendering rendering) {
        this.templates = templates;
        this.rendering = rendering;
    }

    @GetMapping
    @RequiresPermission("templates:read")
    @Operation(summary = "List message templates by name; filter by category, channel (whatsapp, sms, email), tag, "
            + "active and text over name and content")
    ApiResponse<List<MessageTemplates.MessageTemplateView>> list(
            @RequestParam(required = false) @Size(max = 50) String category,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) @Size(max = 50) String tag,
            @RequestParam(required = false) @Size(max = 200) String search,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        var filter = new MessageTemplates.Filter(category, channel, tag, search, active);
        return ApiResponse.page(templates.list(user().organizationId(), filter, PageRequest.of(limit, offset)));
    }

    @GetMapping("/tags")
    @RequiresPermission("templates:read")
    @Operation(summary = "The tags of the message templates, with how many templates carry each")
    ApiResponse<List<MessageTemplates.TagCount>> tags() {
        return ApiResponse.ok(templates.tags(user().organizationId()));
    }

    @GetMapping("/{id}")
    @RequiresPermission("templates:read")
    @Operation(summary = "One message template, with the placeholders it uses")
    ApiResponse<MessageTemplates.MessageTemplateView> get(@PathVariable UUID id) {
        return ApiResponse.ok(templates.get(user().organizationId(), id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("templates:write")
    @Operation(summary = "Create a message template; content and subject may hold {{placeholders}}, checked for balanced braces")
    ApiResponse<MessageTemplates.MessageTemplateView> create(
            @Valid @RequestBody TemplateRequests.CreateMessageTemplate request) {
        CurrentUser user = user();
        return ApiResponse.ok(templates.create(user.organizationId(), user.userId(), request), "Message template created");
    }

    @PatchMapping("/{id}")
    @RequiresPermission("templates:write")
    @RefusesNull({"name", "category", "is_whatsapp", "is_sms", "is_email", "content", "active"})
    @Operation(summary = "Change a message template", description = "subject null or empty removes the subject; "
            + "tags null or an empty list removes every tag.")
    ApiResponse<MessageTemplates.MessageTemplateView> update(@PathVariable UUID id,
            @Valid @RequestBody TemplateRequests.UpdateMessageTemplate request, MergePatch patch) {
        return ApiResponse.ok(templates.update(user().organizationId(), id, request, patch),
                "Message template updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("templates:write")
    @Operation(summary = "Delete a message template")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        templates.delete(user().organizationId(), id);
        return ApiResponse.ok(null, "Message template deleted");
    }

    @PostMapping("/{id}/render")
    @RequiresPermission("templates:read")
    @Operation(summary = "Fill a template's placeholders from a lead the caller may see (404 otherwise): the text, "
            + "the placeholders left unknown or empty, and a WhatsApp click-to-chat link")
    ApiResponse<LeadRendering.RenderedMessage> render(@PathVariable UUID id,
            @Valid @RequestBody TemplateRequests.Render request) {
        return ApiResponse.ok(rendering.render(user(), id, request.leadId()));
    }

    private static CurrentUser user() {
        return Authenticated.user();
    }
}
