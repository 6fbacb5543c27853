package com.educonsult.crm.web.notifications;

import com.educonsult.crm.notifications.NotificationKind;
import com.educonsult.crm.notifications.NotificationRequests;
import com.educonsult.crm.notifications.NotificationViews.DeliveryView;
import com.educonsult.crm.notifications.NotificationViews.KindPreference;
import com.educonsult.crm.notifications.NotificationViews.NotificationView;
import com.educonsult.crm.notifications.NotificationViews.PreferencesView;
import com.educonsult.crm.notifications.Notifications;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.support.Forms;
import com.educonsult.crm.web.support.Htmx;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The bell in every page's header (the unread count, kept live, and a panel of the latest notifications), the
 * notifications page (all or unread, mark read, mark all read, delete), the preferences page (kinds by channel,
 * quiet hours) and, for administrators, the pushes and emails sent or recorded. Everything goes through the
 * notifications module's service, as the API does.
 */
@Controller
class NotificationPagesController {

    static final int PAGE_SIZE = 25;
    static final int PANEL_SIZE = 8;
    /** The event the bell's count listens to after a change made in this window. */
    static final String CHANGED = "notifications-changed";

    /** One kind's row of the preferences form. */
    record KindRow(String kind, String label, boolean inApp, boolean push, boolean email) {
    }

    static final List<String> SEND_FIELDS = List.of("audience", "role", "branch_id", "title", "body", "priority",
            "action_url", "expires_at");

    private final Notifications notifications;
    private final Forms forms;
    private final com.educonsult.crm.identity.Roles roles;
    private final com.educonsult.crm.identity.Branches branches;
    private final com.educonsult.crm.identity.UserDirectory users;
    private final com.educonsult.crm.platform.Tenancy tenancy;

    NotificationPagesController(Notifications notifications, Forms forms, com.educonsult.crm.identity.Roles roles,
            com.educonsult.crm.identity.Branches branches, com.educonsult.crm.identity.UserDirectory users,
            com.educonsult.crm.platform.Tenancy tenancy) {
        this.notifications = notifications;
        this.forms = forms;
        this.roles = roles;
        this.branches = branches;
        this.users = users;
        this.tenancy = tenancy;
    }

    @GetMapping("/notifications/send")
    @RequiresPermission("notifications:send")
    String sendForm(@RequestParam(required = false) String notice, Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("audience", "everyone");
        values.put("priority", "normal");
        return sendPage(values, Map.of(), notice, model);
    }

    @PostMapping("/notifications/send")
    @RequiresPermission("notifications:send")
    String send(@RequestParam MultiValueMap<String, String> form, Model model) {
        CurrentUser user = Authenticated.user();
        java.time.ZoneId zone = tenancy.callAs(user.organizationId(), () -> users.timeZone(user.organizationId()));
        org.springframework.util.LinkedMultiValueMap<String, String> input =
                new org.springframework.util.LinkedMultiValueMap<>(form);
        if (!"role".equals(form.getFirst("audience"))) {
            input.remove("role");
        }
        if (!"branch".equals(form.getFirst("audience"))) {
            input.remove("branch_id");
        }
        input.set("expires_at", com.educonsult.crm.web.support.LocalTimes.toOffset(form.getFirst("expires_at"), zone));
        Forms.Read<NotificationRequests.Broadcast> read = forms.read(input, NotificationRequests.Broadcast.class,
                SEND_FIELDS, java.util.Set.of());
        Map<String, String> errors = new LinkedHashMap<>(read.errors());
        if (errors.isEmpty()) {
            try {
                var sent = notifications.broadcast(user, read.request());
                return "redirect:/notifications/send?notice=" + encode(sent.recipients() == 1
                        ? "Sent to 1 person." : "Sent to " + sent.recipients() + " people.");
            } catch (ApiException refused) {
                errors.putAll(Forms.errorsOf(refused));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        SEND_FIELDS.forEach(f -> values.put(f, form.getFirst(f)));
        return sendPage(values, errors, null, model);
    }

    private String sendPage(Map<String, String> values, Map<String, String> errors, String notice, Model model) {
        UUID organizationId = Authenticated.user().organizationId();
        model.addAttribute("roles", tenancy.callAs(organizationId, () -> roles.list(organizationId)));
        model.addAttribute("branches", tenancy.callAs(organizationId, () -> branches.list(organizationId, null,
                PageRequest.of(PageRequest.MAX_LIMIT, 0)).items()));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("notice", notice);
        return "notifications/send";
    }

    @GetMapping("/notifications/bell/count")
    @RequiresPermission("notifications:read")
    String count(Model model) {
        model.addAttribute("unread", notifications.unreadCount(Authenticated.user()));
        return "notifications/parts :: counts";
    }

    @GetMapping("/notifications/bell/panel")
    @RequiresPermission("notifications:read")
    String panel(Model model) {
        CurrentUser user = Authenticated.user();
        model.addAttribute("items", notifications.list(user, false, PageRequest.of(PANEL_SIZE, 0)).items());
        model.addAttribute("unread", notifications.unreadCount(user));
        return "notifications/parts :: panel";
    }

    @GetMapping("/notifications")
    @RequiresPermission("notifications:read")
    String list(@RequestParam(defaultValue = "all") String show, @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) String notice, Model model) {
        CurrentUser user = Authenticated.user();
        boolean unreadOnly = "unread".equals(show);
        int offset = Math.max(0, page) * PAGE_SIZE;
        Page<NotificationView> items = notifications.list(user, unreadOnly, PageRequest.of(PAGE_SIZE, offset));
        model.addAttribute("show", unreadOnly ? "unread" : "all");
        model.addAttribute("items", items.items());
        model.addAttribute("total", items.total());
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("hasMore", items.total() != null && offset + items.items().size() < items.total());
        model.addAttribute("unread", notifications.unreadCount(user));
        model.addAttribute("notice", notice);
        return "notifications/list";
    }

    @PostMapping("/notifications/{id}/read")
    @RequiresPermission("notifications:read")
    String read(@PathVariable UUID id, @RequestParam(defaultValue = "page") String from,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        NotificationView read = notifications.markRead(Authenticated.user(), id);
        if (Htmx.isHtmx(request)) {
            response.setHeader("HX-Trigger", CHANGED);
            model.addAttribute("n", read);
            return "panel".equals(from) ? "notifications/parts :: panel-item" : "notifications/parts :: row";
        }
        return "redirect:" + back(request);
    }

    @PostMapping("/notifications/read-all")
    @RequiresPermission("notifications:read")
    String readAll(HttpServletRequest request, HttpServletResponse response, Model model) {
        int marked = notifications.markAllRead(Authenticated.user());
        if (Htmx.isHtmx(request) && "panel".equals(request.getParameter("from"))) {
            response.setHeader("HX-Trigger", CHANGED);
            return panel(model);
        }
        return "redirect:/notifications?notice=" + encode(marked == 0 ? "Nothing was unread."
                : marked == 1 ? "1 notification marked read." : marked + " notifications marked read.");
    }

    @PostMapping("/notifications/{id}/delete")
    @RequiresPermission("notifications:read")
    String delete(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) {
        notifications.delete(Authenticated.user(), id);
        if (Htmx.isHtmx(request)) {
            response.setHeader("HX-Trigger", CHANGED);
            return "notifications/parts :: nothing";
        }
        return "redirect:/notifications?notice=" + encode("Notification deleted.");
    }

    @GetMapping("/notifications/preferences")
    @RequiresPermission("notifications:read")
    String preferences(@RequestParam(required = false) String notice, Model model) {
        PreferencesView preferences = notifications.preferences(Authenticated.user());
        model.addAttribute("rows", rows(preferences.kinds()));
        model.addAttribute("quiet", preferences.quietHours() != null);
        model.addAttribute("quietStart", preferences.quietHours() == null ? "22:00" : preferences.quietHours().start());
        model.addAttribute("quietEnd", preferences.quietHours() == null ? "07:00" : preferences.quietHours().end());
        model.addAttribute("timeZone", preferences.timeZone());
        model.addAttribute("errors", Map.of());
        model.addAttribute("notice", notice);
        return "notifications/preferences";
    }

    @PostMapping("/notifications/preferences")
    @RequiresPermission("notifications:read")
    String savePreferences(@RequestParam MultiValueMap<String, String> form, Model model) {
        List<NotificationRequests.KindChoice> kinds = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            kinds.add(new NotificationRequests.KindChoice(kind.code(), form.containsKey(kind.code() + ".in_app"),
                    form.containsKey(kind.code() + ".push"), form.containsKey(kind.code() + ".email")));
        }
        boolean quiet = form.containsKey("quiet");
        String start = form.getFirst("quiet_start");
        String end = form.getFirst("quiet_end");
        NotificationRequests.Preferences request = new NotificationRequests.Preferences(kinds,
                quiet ? new NotificationRequests.QuietHours(start, end) : null);
        Map<String, String> errors = new LinkedHashMap<>(forms.check(request));
        if (errors.isEmpty()) {
            try {
                notifications.updatePreferences(Authenticated.user(), request);
                return "redirect:/notifications/preferences?notice=" + encode("Preferences saved.");
            } catch (ApiException refused) {
                errors.putAll(Forms.errorsOf(refused));
            }
        }
        PreferencesView current = notifications.preferences(Authenticated.user());
        List<KindRow> rows = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            rows.add(new KindRow(kind.code(), kind.label(), form.containsKey(kind.code() + ".in_app"),
                    form.containsKey(kind.code() + ".push"), form.containsKey(kind.code() + ".email")));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("quiet", quiet);
        model.addAttribute("quietStart", start);
        model.addAttribute("quietEnd", end);
        model.addAttribute("timeZone", current.timeZone());
        model.addAttribute("errors", errors);
        return "notifications/preferences";
    }

    @GetMapping("/notifications/deliveries")
    @RequiresPermission("notifications:send")
    String deliveries(@RequestParam(required = false) String channel, @RequestParam(required = false) String notice,
            Model model) {
        model.addAttribute("notice", notice);
        String chosen = "push".equals(channel) || "email".equals(channel) ? channel : null;
        List<DeliveryView> rows = notifications.recentDeliveries(Authenticated.user(), chosen, 100);
        model.addAttribute("rows", rows);
        model.addAttribute("channel", chosen);
        return "notifications/deliveries";
    }

    @PostMapping("/notifications/deliveries/{id}/retry")
    @RequiresPermission("notifications:send")
    String retry(@PathVariable UUID id, @RequestParam(required = false) String channel) {
        notifications.retryDelivery(Authenticated.user(), id);
        return "redirect:/notifications/deliveries?notice=" + encode("Queued again: it is sent within a few seconds.")
                + (channel == null ? "" : "&channel=" + encode(channel));
    }

    private static List<KindRow> rows(List<KindPreference> kinds) {
        return kinds.stream().map(k -> new KindRow(k.kind(), k.label(), k.inApp(), k.push(), k.email())).toList();
    }

    private static String back(HttpServletRequest request) {
        String referer = Htmx.refererPath(request);
        return referer == null ? "/notifications" : java.net.URLDecoder.decode(referer, StandardCharsets.UTF_8);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
