package com.educonsult.crm.web.inbox;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.messaging.Inbox;
import com.educonsult.crm.messaging.WhatsAppTemplates;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The WhatsApp shared inbox page: the conversations the user sees with their unread counts (live), a
 * conversation's thread (live statuses), a reply box that knows the 24-hour window (free text while it is open,
 * approved templates with their parameters when it is closed, saying why), and the owner picker. Everything goes
 * through the messaging module's inbox, as the API does.
 */
@Controller
class InboxPageController {

    static final int PAGE_SIZE = 50;
    static final int THREAD_SIZE = 200;

    /** The template chosen in the reply box and the parameters it takes. */
    record TemplateChoice(String key, WhatsAppTemplates.Template template) {
    }

    private final Inbox inbox;
    private final WhatsAppTemplates templates;
    private final UserDirectory users;
    private final Tenancy tenancy;

    InboxPageController(Inbox inbox, WhatsAppTemplates templates, UserDirectory users, Tenancy tenancy) {
        this.inbox = inbox;
        this.templates = templates;
        this.users = users;
        this.tenancy = tenancy;
    }

    @GetMapping("/inbox")
    @RequiresPermission("messages:send")
    String page(@RequestParam(required = false) String view, @RequestParam(required = false) String unread,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        list(view, unread, q, page, model);
        model.addAttribute("selected", null);
        return "inbox/inbox";
    }

    @GetMapping("/inbox/list")
    @RequiresPermission("messages:send")
    String listFragment(@RequestParam(required = false) String view, @RequestParam(required = false) String unread,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
            @RequestParam(name = "selected", required = false) UUID selected, Model model) {
        list(view, unread, q, page, model);
        model.addAttribute("selectedId", selected);
        return "inbox/inbox :: list";
    }

    @GetMapping("/inbox/{id}")
    @RequiresPermission("messages:send")
    String conversation(@PathVariable UUID id, @RequestParam(required = false) String view,
            @RequestParam(required = false) String unread, @RequestParam(required = false) String q, Model model) {
        CurrentUser user = Authenticated.user();
        thread(user, id, model, true);
        list(view, unread, q, 0, model);
        model.addAttribute("selectedId", id);
        return "inbox/inbox";
    }

    @GetMapping("/inbox/{id}/thread")
    @RequiresPermission("messages:send")
    String threadFragment(@PathVariable UUID id, Model model) {
        thread(Authenticated.user(), id, model, true);
        return "inbox/inbox :: messages";
    }

    @GetMapping("/inbox/{id}/template-fields")
    @RequiresPermission("messages:send")
    String templateFields(@PathVariable UUID id, @RequestParam(name = "template", required = false) String key,
            Model model) {
        CurrentUser user = Authenticated.user();
        tenancy.runAs(user.organizationId(), () -> {
            inbox.get(user, id);
            model.addAttribute("choice", choice(user, key));
        });
        model.addAttribute("errors", Map.of());
        model.addAttribute("conversationId", id);
        model.addAttribute("typed", List.of());
        return "inbox/inbox :: template-fields";
    }

    @PostMapping("/inbox/{id}/reply")
    @RequiresPermission("messages:send")
    String reply(@PathVariable UUID id, @RequestParam(required = false) String text,
            @RequestParam(name = "template", required = false) String key,
            @RequestParam(name = "parameters", required = false) List<String> parameters,
            HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            tenancy.runAs(user.organizationId(), () -> {
                Inbox.Reply reply;
                if (key != null && !key.isBlank()) {
                    String[] parts = key.split("\\|", 2);
                    reply = new Inbox.Reply(null, parts[0], parts.length > 1 ? parts[1] : "en",
                            parameters == null ? List.of() : parameters.stream().map(String::strip).toList());
                    for (int i = 0; reply.parameters() != null && i < reply.parameters().size(); i++) {
                        if (reply.parameters().get(i).isEmpty()) {
                            errors.put("parameters", "fill in every parameter of the template (" + (i + 1)
                                    + " is empty)");
                            return;
                        }
                    }
                } else {
                    reply = new Inbox.Reply(text, null, null, null);
                }
                inbox.reply(user, id, reply);
            });
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            errors.putAll(Forms.errorsOf(refused));
        }
        thread(user, id, model, false);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("errors", errors);
            model.addAttribute("typedText", text);
            model.addAttribute("typed", parameters == null ? List.of() : parameters);
            tenancy.runAs(user.organizationId(), () -> model.addAttribute("choice", choice(user, key)));
        }
        return "inbox/inbox :: thread";
    }

    @PostMapping("/inbox/{id}/owner")
    @RequiresPermission("leads:assign")
    String owner(@PathVariable UUID id, @RequestParam(name = "owner_id", required = false) String ownerId,
            HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            UUID owner = ownerId == null || ownerId.isBlank() ? null : UUID.fromString(ownerId);
            tenancy.runAs(user.organizationId(), () -> inbox.assign(user, id, owner));
        } catch (IllegalArgumentException notAnId) {
            errors.put("owner_id", "choose a person from the list");
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            errors.putAll(Forms.errorsOf(refused));
        }
        thread(user, id, model, false);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("ownerErrors", errors);
        } else {
            model.addAttribute("ownerSaved", true);
        }
        return "inbox/inbox :: thread";
    }

    private void list(String view, String unread, String q, int page, Model model) {
        CurrentUser user = Authenticated.user();
        Inbox.View chosen;
        try {
            chosen = Inbox.View.of(view);
        } catch (ApiException unknown) {
            chosen = Inbox.View.ALL;
        }
        boolean unreadOnly = "true".equals(unread) || "on".equals(unread);
        String search = q == null || q.isBlank() ? null : q.strip();
        int offset = Math.max(0, page) * PAGE_SIZE;
        Inbox.View finalView = chosen;
        tenancy.runAs(user.organizationId(), () -> {
            Page<Inbox.Conversation> found = inbox.conversations(user, finalView, unreadOnly,
                    search == null ? null : search.substring(0, Math.min(100, search.length())),
                    PageRequest.of(PAGE_SIZE, offset));
            model.addAttribute("conversations", found.items());
            model.addAttribute("hasNext", found.total() == null);
        });
        model.addAttribute("view", chosen.name().toLowerCase());
        model.addAttribute("unread", unreadOnly);
        model.addAttribute("q", search);
        model.addAttribute("page", Math.max(0, page));
    }

    private void thread(CurrentUser user, UUID id, Model model, boolean markRead) {
        tenancy.runAs(user.organizationId(), () -> {
            Inbox.Conversation conversation = markRead ? inbox.markRead(user, id) : inbox.get(user, id);
            List<Inbox.Message> messages = new ArrayList<>(inbox.messages(user, id,
                    PageRequest.of(THREAD_SIZE, 0)).items());
            Collections.reverse(messages);
            model.addAttribute("selected", conversation);
            model.addAttribute("messages", messages);
            model.addAttribute("templates", templates.list(user.organizationId(), true));
            model.addAttribute("owners", owners(user));
            if (!model.containsAttribute("choice")) {
                model.addAttribute("choice", null);
            }
        });
        model.addAttribute("canAssign", user.can("leads:assign"));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", List.of());
        }
    }

    private List<UserSummary> owners(CurrentUser user) {
        if (!user.can("leads:assign")) {
            return List.of();
        }
        UUID branch = user.dataScope() == DataScope.BRANCH ? user.branchId() : null;
        return users.activeWithRoles(user.organizationId(), List.of("admin", "manager", "counselor", "agent"), branch);
    }

    private TemplateChoice choice(CurrentUser user, String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        String[] parts = key.split("\\|", 2);
        return templates.find(user.organizationId(), parts[0], parts.length > 1 ? parts[1] : "en")
                .filter(WhatsAppTemplates.Template::approved)
                .map(t -> new TemplateChoice(key, t)).orElse(null);
    }
}
