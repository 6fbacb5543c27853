package com.educonsult.crm.web.settings.integrations;

import com.educonsult.crm.integrations.WebhookEndpoints;
import com.educonsult.crm.integrations.WebhookEventTypes;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.settings.SettingsForms;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Outgoing webhooks in the console: the list with each endpoint's state, adding one (its secret shown once, with
 * a copy button), and an endpoint's page: its URL, description and events, activating or deactivating it, rotating
 * its secret, sending a test event, deleting it, and its delivery log with filters, replay of one delivery and of
 * all failed ones. Everything goes through the integrations module's {@link WebhookEndpoints}, as the API does.
 */
@Controller
class WebhookPagesController {

    static final String AREA = IntegrationPagesController.AREA + "/webhooks";
    static final int PAGE_SIZE = 25;
    private static final Set<String> STATUSES = Set.of("pending", "failed", "succeeded", "dead");

    /** The delivery log's filters as the form sends them. */
    public record DeliveryFilters(String status, String eventType) {
    }

    private final WebhookEndpoints webhooks;
    private final JsonMapper json;

    WebhookPagesController(WebhookEndpoints webhooks, JsonMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    @GetMapping(AREA)
    @RequiresPermission("settings:manage")
    String list(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        return showList(model, Map.of(), Map.of("events", List.of()));
    }

    @PostMapping(AREA)
    @RequiresPermission("settings:manage")
    String create(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        Map<String, Object> values = values(form);
        @SuppressWarnings("unchecked")
        List<String> events = (List<String>) values.get("events");
        WebhookEndpoints.WebhookSecret created;
        try {
            created = webhooks.create(Authenticated.user(), new WebhookEndpoints.Create(
                    (String) values.get("url"), (String) values.get("description"), events, true));
        } catch (ApiException refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return showList(model, Forms.errorsOf(refused), values);
        }
        model.addAttribute("notice", "The webhook is added. Events are sent to it from now on.");
        model.addAttribute("secret", created.secret());
        return showDetail(created.webhook().id(), model, Map.of(), null, new DeliveryFilters(null, null), 0);
    }

    @GetMapping(AREA + "/{id}")
    @RequiresPermission("settings:manage")
    String detail(@PathVariable UUID id, @RequestParam(required = false) String notice,
            @RequestParam(required = false) String status,
            @RequestParam(name = "event_type", required = false) String eventType,
            @RequestParam(defaultValue = "0") int page, HttpServletResponse response, Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        DeliveryFilters filters = new DeliveryFilters(blank(status), blank(eventType));
        Map<String, String> errors = new LinkedHashMap<>();
        if (filters.status() != null && !STATUSES.contains(filters.status())) {
            errors.put("status", "choose a state from the list");
        }
        if (filters.eventType() != null && !WebhookEventTypes.known(filters.eventType())
                && !WebhookEventTypes.PING.equals(filters.eventType())) {
            errors.put("event_type", "choose an event from the list");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return showDetail(id, model, errors, null, filters, Math.max(0, page));
    }

    @PostMapping(AREA + "/{id}")
    @RequiresPermission("settings:manage")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        Map<String, Object> values = values(form);
        if (values.get("url") == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return showDetail(id, model, Map.of("url", "Enter the URL events are posted to"), values,
                    new DeliveryFilters(null, null), 0);
        }
        ObjectNode body = json.createObjectNode();
        body.put("url", (String) values.get("url"));
        if (values.get("description") == null) {
            body.putNull("description");
        } else {
            body.put("description", (String) values.get("description"));
        }
        @SuppressWarnings("unchecked")
        List<String> events = (List<String>) values.get("events");
        events.forEach(body.putArray("events")::add);
        try {
            webhooks.update(Authenticated.user(), id, new WebhookEndpoints.Update((String) values.get("url"),
                    (String) values.get("description"), events, null), MergePatch.of(body));
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return showDetail(id, model, Forms.errorsOf(refused), values, new DeliveryFilters(null, null), 0);
        }
        return SettingsForms.redirect(AREA + "/" + id, "The webhook is saved.");
    }

    @PostMapping(AREA + "/{id}/active")
    @RequiresPermission("settings:manage")
    String active(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean active) {
        webhooks.update(Authenticated.user(), id, new WebhookEndpoints.Update(null, null, null, active),
                MergePatch.nullKeeps());
        return SettingsForms.redirect(AREA + "/" + id, active
                ? "The webhook is active: events are sent to it again."
                : "The webhook is deactivated: no events are sent to it until it is activated.");
    }

    @PostMapping(AREA + "/{id}/rotate-secret")
    @RequiresPermission("settings:manage")
    String rotate(@PathVariable UUID id, Model model) {
        WebhookEndpoints.WebhookSecret rotated = webhooks.rotateSecret(Authenticated.user(), id);
        model.addAttribute("notice", "The secret is changed: deliveries are signed with the new one from now on.");
        model.addAttribute("secret", rotated.secret());
        return showDetail(id, model, Map.of(), null, new DeliveryFilters(null, null), 0);
    }

    @PostMapping(AREA + "/{id}/test")
    @RequiresPermission("settings:manage")
    String test(@PathVariable UUID id) {
        WebhookEndpoints.DeliveryDetail sent = webhooks.test(Authenticated.user(), id);
        return SettingsForms.redirect(AREA + "/" + id, "succeeded".equals(sent.status())
                ? "The test event was delivered (answer " + sent.lastStatusCode() + ")."
                : "The test event was not delivered: " + sent.lastError());
    }

    @PostMapping(AREA + "/{id}/delete")
    @RequiresPermission("settings:manage")
    String delete(@PathVariable UUID id) {
        WebhookEndpoints.WebhookView webhook = webhooks.get(Authenticated.user(), id);
        webhooks.delete(Authenticated.user(), id);
        return SettingsForms.redirect(AREA, "The webhook to " + webhook.url() + " is deleted.");
    }

    @PostMapping(AREA + "/{id}/deliveries/{deliveryId}/replay")
    @RequiresPermission("settings:manage")
    String replay(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        String notice;
        try {
            WebhookEndpoints.DeliveryDetail sent = webhooks.replay(Authenticated.user(), id, deliveryId);
            notice = "succeeded".equals(sent.status())
                    ? "The delivery was sent again and succeeded (answer " + sent.lastStatusCode() + ")."
                    : "The delivery was sent again and failed: " + sent.lastError();
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            notice = refusal(refused);
        }
        return SettingsForms.redirect(AREA + "/" + id, notice);
    }

    @PostMapping(AREA + "/{id}/replay-failed")
    @RequiresPermission("settings:manage")
    String replayFailed(@PathVariable UUID id) {
        String notice;
        try {
            int queued = webhooks.replayFailed(Authenticated.user(), id);
            notice = queued == 0 ? "No delivery has failed: nothing to send again."
                    : queued + (queued == 1 ? " delivery is" : " deliveries are") + " queued and sent again within "
                            + "seconds. Reload the page to see how they went.";
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            notice = refusal(refused);
        }
        return SettingsForms.redirect(AREA + "/" + id, notice);
    }

    private String showList(Model model, Map<String, String> errors, Map<String, Object> values) {
        model.addAttribute("webhooks", webhooks.list(Authenticated.user()));
        model.addAttribute("eventTypes", WebhookEventTypes.ALL);
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "settings/integrations/webhooks-list";
    }

    private String showDetail(UUID id, Model model, Map<String, String> errors, Map<String, Object> typed,
            DeliveryFilters filters, int page) {
        CurrentUser me = Authenticated.user();
        WebhookEndpoints.WebhookView webhook = webhooks.get(me, id);
        Map<String, Object> values = typed != null ? typed : Map.of("url", webhook.url(),
                "description", webhook.description() == null ? "" : webhook.description(),
                "events", webhook.events());
        List<WebhookEndpoints.DeliveryDetail> deliveries = List.of();
        boolean hasNext = false;
        if (!errors.containsKey("status") && !errors.containsKey("event_type")) {
            Page<WebhookEndpoints.DeliveryDetail> found = webhooks.deliveryDetails(me, id,
                    new WebhookEndpoints.DeliveryFilter(filters.status(), filters.eventType()),
                    PageRequest.of(PAGE_SIZE, page * PAGE_SIZE));
            deliveries = found.items();
            hasNext = found.total() == null;
        }
        Map<UUID, String> payloads = new LinkedHashMap<>();
        for (WebhookEndpoints.DeliveryDetail delivery : deliveries) {
            payloads.put(delivery.id(), json.writerWithDefaultPrettyPrinter().writeValueAsString(delivery.payload()));
        }
        model.addAttribute("payloads", payloads);
        Map<String, String> labels = new LinkedHashMap<>();
        WebhookEventTypes.ALL.forEach(t -> labels.put(t.code(), t.label()));
        labels.put(WebhookEventTypes.PING, "Test event");
        model.addAttribute("webhook", webhook);
        model.addAttribute("eventTypes", WebhookEventTypes.ALL);
        model.addAttribute("eventLabels", labels);
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("deliveries", deliveries);
        model.addAttribute("filters", filters);
        model.addAttribute("page", page);
        model.addAttribute("hasNext", hasNext);
        return "settings/integrations/webhooks-detail";
    }

    private static Map<String, Object> values(MultiValueMap<String, String> form) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("url", SettingsForms.text(form, "url"));
        values.put("description", SettingsForms.text(form, "description"));
        List<String> events = form.get("events") == null ? List.of()
                : form.get("events").stream().filter(e -> e != null && !e.isBlank()).toList();
        values.put("events", events);
        return values;
    }

    private static String refusal(ApiException refused) {
        return "active".equals(refused.errors().isEmpty() ? null : refused.errors().getFirst().field())
                ? "The webhook is deactivated: activate it, then replay."
                : refused.errors().isEmpty() ? refused.getMessage() : refused.errors().getFirst().message();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

}
