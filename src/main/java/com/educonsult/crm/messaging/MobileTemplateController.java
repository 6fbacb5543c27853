package com.educonsult.crm.messaging;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MobileResponse;
import com.educonsult.crm.platform.web.PageRequest;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The Android app's note and message templates (seed 01), over the canonical template services. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Android app")
class MobileTemplateController {

    /** A note template to create, or with {@code id} to change; in a change, absent fields stay as they are. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SaveNoteTemplate(
            UUID id,
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) @JsonAlias("title") String name,
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 5000) String content,
            @Pattern(regexp = TemplateRequests.CATEGORY, message = TemplateRequests.CATEGORY_MESSAGE) String category,
            Boolean isActive) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record TemplateId(@NotNull UUID id) {
    }

    /** Filters of the app's template lists; every field optional. Only active templates unless isActive says. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record TemplateQuery(@Size(max = 50) String category, String channel, @Size(max = 50) String tag,
            @Size(max = 200) String search, Boolean isActive, Integer limit, Integer offset) {
        static final TemplateQuery ALL = new TemplateQuery(null, null, null, null, null, null, null);

        Boolean active() {
            return isActive == null ? Boolean.TRUE : isActive;
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record AppNoteTemplate(UUID id, String name, String content, String category, boolean isActive,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static AppNoteTemplate of(NoteTemplates.NoteTemplateView t) {
            return new AppNoteTemplate(t.id(), t.title(), t.content(), t.category(), t.active(), t.createdAt(),
                    t.updatedAt());
        }
    }

    /** A message template in seed 01's names: dynamicFields are its placeholders. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record AppMessageTemplate(UUID id, String name, String category, String subject, String content,
            List<String> dynamicFields, List<String> tags, boolean whatsappEnabled, boolean smsEnabled,
            boolean emailEnabled, boolean isActive, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) AppRenderedMessage rendered) {
        static AppMessageTemplate of(MessageTemplates.MessageTemplateView t, AppRenderedMessage rendered) {
            return new AppMessageTemplate(t.id(), t.name(), t.category(), t.subject(), t.content(), t.placeholders(),
                    t.tags(), t.isWhatsapp(), t.isSms(), t.isEmail(), t.active(), t.createdAt(), t.updatedAt(),
                    rendered);
        }
    }

    /** The template filled in for a lead. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record AppRenderedMessage(UUID leadId, String subject, String text, List<String> unknownPlaceholders,
            List<String> emptyPlaceholders, String whatsappUrl) {
        static AppRenderedMessage of(LeadRendering.RenderedMessage r) {
            return new AppRenderedMessage(r.leadId(), r.subject(), r.text(), r.unknownPlaceholders(), r.emptyPlaceholders(),
                    r.whatsappUrl());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record AppPlaceholder(String tag, String placeholder, String description) {
        static AppPlaceholder of(LeadRendering.Placeholder p) {
            return new AppPlaceholder(p.tag(), p.placeholder(), p.description());
        }
    }

    private final NoteTemplates noteTemplates;
    private final MessageTemplates messageTemplates;
    private final LeadRendering rendering;

    MobileTemplateController(NoteTemplates noteTemplates, MessageTemplates messageTemplates,
            LeadRendering rendering) {
        this.noteTemplates = noteTemplates;
        this.messageTemplates = messageTemplates;
        this.rendering = rendering;
    }

    @PostMapping("/callnote/template/save")
    @RequiresPermission("templates:write")
    @Operation(summary = "Create a note template, or change the one named by id")
    MobileResponse<AppNoteTemplate> saveNoteTemplate(@Valid @RequestBody SaveNoteTemplate request) {
        CurrentUser user = Authenticated.user();
        if (request.id() == null) {
            var created = noteTemplates.create(user.organizationId(), user.userId(),
                    new TemplateRequests.CreateNoteTemplate(required("name", request.name()),
                            required("content", request.content()), request.category(), request.isActive()));
            return MobileResponse.ok(AppNoteTemplate.of(created), "Note template saved");
        }
        var updated = noteTemplates.update(user.organizationId(), request.id(), new TemplateRequests.UpdateNoteTemplate(
                request.name(), request.content(), request.category(), request.isActive()));
        return MobileResponse.ok(AppNoteTemplate.of(updated), "Note template saved");
    }

    @PostMapping("/callnote/template/fetchAll")
    @RequiresPermission("templates:read")
    @Operation(summary = "The note templates, by category and name: only active ones unless isActive is false")
    MobileResponse<List<AppNoteTemplate>> noteTemplates(@Valid @RequestBody(required = false) TemplateQuery request) {
        TemplateQuery query = request == null ? TemplateQuery.ALL : request;
        var filter = new NoteTemplates.Filter(query.category(), query.search(), query.active());
        var page = noteTemplates.list(Authenticated.user().organizationId(), filter,
                PageRequest.of(query.limit(), query.offset()));
        return MobileResponse.ok(page.items().stream().map(AppNoteTemplate::of).toList());
    }

    @PostMapping("/callnote/template/delete")
    @RequiresPermission("templates:write")
    @Operation(summary = "Delete a note template")
    MobileResponse<Void> deleteNoteTemplate(@Valid @RequestBody TemplateId request) {
        noteTemplates.delete(Authenticated.user().organizationId(), request.id());
        return MobileResponse.message("Note template deleted");
    }

    @PostMapping("/messagetemplate/fetchAll")
    @RequiresPermission("templates:read")
    @Operation(summary = "The message templates by name; filter by category, channel (whatsapp, sms, email), tag, text")
    MobileResponse<List<AppMessageTemplate>> messageTemplates(
            @Valid @RequestBody(required = false) TemplateQuery request) {
        TemplateQuery query = request == null ? TemplateQuery.ALL : request;
        var filter = new MessageTemplates.Filter(query.category(), query.channel(), query.tag(), query.search(),
                query.active());
        var page = messageTemplates.list(Authenticated.user().organizationId(), filter,
                PageRequest.of(query.limit(), query.offset()));
        return MobileResponse.ok(page.items().stream().map(t -> AppMessageTemplate.of(t, null)).toList());
    }

    @GetMapping("/messagetemplate/fetch")
    @RequiresPermission("templates:read")
    @Operation(summary = "One message template; with leadId, also filled in for that lead with a WhatsApp link",
            description = "A lead the caller may not see is a 404, like another organization's.")
    MobileResponse<AppMessageTemplate> messageTemplate(@RequestParam UUID id,
            @RequestParam(required = false) UUID leadId) {
        CurrentUser user = Authenticated.user();
        var template = messageTemplates.get(user.organizationId(), id);
        AppRenderedMessage rendered = leadId == null ? null : AppRenderedMessage.of(rendering.render(user, id, leadId));
        return MobileResponse.ok(AppMessageTemplate.of(template, rendered));
    }

    @GetMapping("/messagetemplate/tag/fetchAll")
    @RequiresPermission("templates:read")
    @Operation(summary = "The placeholders a message template may use, such as {{first_name}}")
    MobileResponse<List<AppPlaceholder>> placeholderTags() {
        return MobileResponse.ok(LeadRendering.PLACEHOLDERS.stream().map(AppPlaceholder::of).toList());
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw ApiException.invalid(field, "is required");
        }
        return value;
    }
}
