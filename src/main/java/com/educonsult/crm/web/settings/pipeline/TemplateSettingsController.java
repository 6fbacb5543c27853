package com.educonsult.crm.web.settings.pipeline;

import com.educonsult.crm.web.settings.SettingsForms;
import com.educonsult.crm.leads.LeadForm;
import com.educonsult.crm.messaging.LeadRendering;
import com.educonsult.crm.messaging.MessageTemplates;
import com.educonsult.crm.messaging.NoteTemplates;
import com.educonsult.crm.messaging.TemplateRequests;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Message templates (WhatsApp, SMS, email) with their placeholders listed beside the editor and a live preview
 * filled for a sample lead, and note templates for quick notes after calls. Saving goes through the messaging
 * module, which refuses malformed placeholders naming the field.
 */
@Controller
class TemplateSettingsController {

    static final String PAGE = "/settings/templates";
    private static final int LIST_SIZE = 100;

    private final MessageTemplates messages;
    private final NoteTemplates notes;
    private final LeadRendering rendering;
    private final LeadForm leadForm;
    private final Forms forms;
    private final Tenancy tenancy;

    TemplateSettingsController(MessageTemplates messages, NoteTemplates notes, LeadRendering rendering,
            LeadForm leadForm, Forms forms, Tenancy tenancy) {
        this.messages = messages;
        this.notes = notes;
        this.rendering = rendering;
        this.leadForm = leadForm;
        this.forms = forms;
        this.tenancy = tenancy;
    }

    @GetMapping(PAGE)
    @RequiresPermission("templates:write")
    String page(@RequestParam(required = false) UUID edit, @RequestParam(required = false) UUID note,
            @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        model.addAttribute("errors", Map.of());
        return show(model, edit, note, null);
    }

    @PostMapping(PAGE + "/messages")
    @RequiresPermission("templates:write")
    String createMessage(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response,
            Model model) {
        CurrentUser me = Authenticated.user();
        Forms.Read<TemplateRequests.CreateMessageTemplate> read = forms.read(forms.jsonOf(messageFields(form)),
                TemplateRequests.CreateMessageTemplate.class);
        if (!read.valid()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, read.errors(), form, null, null, "message");
        }
        try {
            var created = tenancy.callAs(me.organizationId(),
                    () -> messages.create(me.organizationId(), me.userId(), read.request()));
            return SettingsForms.redirect(PAGE, "Message template “" + created.name() + "” created.");
        } catch (ApiException refused) {
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, null, null, "message");
        }
    }

    @PostMapping(PAGE + "/messages/{id}")
    @RequiresPermission("templates:write")
    String updateMessage(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        Map<String, Object> fields = messageFields(form);
        fields.putIfAbsent("subject", "");
        fields.put("active", SettingsForms.ticked(form, "active"));
        Forms.Read<TemplateRequests.UpdateMessageTemplate> read = forms.read(forms.jsonOf(fields),
                TemplateRequests.UpdateMessageTemplate.class);
        if (!read.valid()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, read.errors(), form, id, null, "message");
        }
        try {
            var saved = tenancy.callAs(me.organizationId(),
                    () -> messages.update(me.organizationId(), id, read.request(), read.patch()));
            return SettingsForms.redirect(PAGE, "Message template “" + saved.name() + "” saved.");
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, id, null, "message");
        }
    }

    @PostMapping(PAGE + "/messages/{id}/delete")
    @RequiresPermission("templates:write")
    String deleteMessage(@PathVariable UUID id) {
        CurrentUser me = Authenticated.user();
        tenancy.runAs(me.organizationId(), () -> messages.delete(me.organizationId(), id));
        return SettingsForms.redirect(PAGE, "Message template deleted.");
    }

    /** The editor's texts filled for a sample lead, as the preview beside it shows them (the API's render). */
    @PostMapping(PAGE + "/preview")
    @RequiresPermission("templates:read")
    String preview(@RequestParam MultiValueMap<String, String> form, Model model) {
        CurrentUser me = Authenticated.user();
        String subject = SettingsForms.ticked(form, "is_email") ? form.getFirst("subject") : null;
        try {
            model.addAttribute("preview", tenancy.callAs(me.organizationId(), () -> rendering.preview(me, subject,
                    form.getFirst("content"), SettingsForms.ticked(form, "is_whatsapp"), null)));
        } catch (ApiException refused) {
            model.addAttribute("previewProblem", Forms.errorsOf(refused).entrySet().iterator().next());
        }
        return "settings/templates :: preview";
    }

    @PostMapping(PAGE + "/notes")
    @RequiresPermission("templates:write")
    String createNote(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        Forms.Read<TemplateRequests.CreateNoteTemplate> read = forms.read(forms.jsonOf(noteFields(form)),
                TemplateRequests.CreateNoteTemplate.class);
        if (!read.valid()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, read.errors(), form, null, null, "note");
        }
        try {
            var created = tenancy.callAs(me.organizationId(),
                    () -> notes.create(me.organizationId(), me.userId(), read.request()));
            return SettingsForms.redirect(PAGE + "?tab=notes", "Note template “" + created.title() + "” created.");
        } catch (ApiException refused) {
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, null, null, "note");
        }
    }

    @PostMapping(PAGE + "/notes/{id}")
    @RequiresPermission("templates:write")
    String updateNote(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        Map<String, Object> fields = noteFields(form);
        fields.put("active", SettingsForms.ticked(form, "active"));
        Forms.Read<TemplateRequests.UpdateNoteTemplate> read = forms.read(forms.jsonOf(fields),
                TemplateRequests.UpdateNoteTemplate.class);
        if (!read.valid()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, read.errors(), form, null, id, "note");
        }
        try {
            var saved = tenancy.callAs(me.organizationId(),
                    () -> notes.update(me.organizationId(), id, read.request()));
            return SettingsForms.redirect(PAGE + "?tab=notes", "Note template “" + saved.title() + "” saved.");
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, null, id, "note");
        }
    }

    @PostMapping(PAGE + "/notes/{id}/delete")
    @RequiresPermission("templates:write")
    String deleteNote(@PathVariable UUID id) {
        CurrentUser me = Authenticated.user();
        tenancy.runAs(me.organizationId(), () -> notes.delete(me.organizationId(), id));
        return SettingsForms.redirect(PAGE + "?tab=notes", "Note template deleted.");
    }

    private static Map<String, Object> messageFields(MultiValueMap<String, String> form) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", SettingsForms.text(form, "name"));
        fields.put("category", SettingsForms.text(form, "category"));
        fields.put("is_whatsapp", SettingsForms.ticked(form, "is_whatsapp"));
        fields.put("is_sms", SettingsForms.ticked(form, "is_sms"));
        fields.put("is_email", SettingsForms.ticked(form, "is_email"));
        fields.put("subject", SettingsForms.text(form, "subject"));
        fields.put("content", SettingsForms.text(form, "content"));
        fields.put("tags", SettingsForms.items(form.getFirst("tags")));
        return fields;
    }

    private static Map<String, Object> noteFields(MultiValueMap<String, String> form) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", SettingsForms.text(form, "title"));
        fields.put("category", SettingsForms.text(form, "category"));
        fields.put("content", SettingsForms.text(form, "content"));
        return fields;
    }

    private String show(Model model, UUID edit, UUID note, String tab) {
        CurrentUser me = Authenticated.user();
        tenancy.runAs(me.organizationId(), () -> {
            model.addAttribute("messages", messages.list(me.organizationId(),
                    new MessageTemplates.Filter(null, null, null, null, null), PageRequest.of(LIST_SIZE, 0)).items());
            model.addAttribute("notes", notes.list(me.organizationId(), new NoteTemplates.Filter(null, null, null),
                    PageRequest.of(LIST_SIZE, 0)).items());
            model.addAttribute("editing", edit == null ? null : messages.get(me.organizationId(), edit));
            model.addAttribute("editingNote", note == null ? null : notes.get(me.organizationId(), note));
            model.addAttribute("customFields", leadForm.definition(me.organizationId()));
        });
        model.addAttribute("placeholders", LeadRendering.PLACEHOLDERS);
        model.addAttribute("refusedForm", tab);
        return "settings/templates";
    }

    private String refused(HttpServletResponse response, Model model, HttpStatus status, Map<String, String> errors,
            MultiValueMap<String, String> form, UUID edit, UUID note, String which) {
        SettingsForms.refused(response, model, status, errors, form);
        return show(model, edit, note, which);
    }
}
