package com.educonsult.crm.web.settings.messaging;

import com.educonsult.crm.messaging.MessageOutbox;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.settings.SettingsForms;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The message outbox for admins: deliveries by status (dead letters first to the eye, with their errors and a Replay
 * button), and the messages the recording adapters kept in demo mode (no provider set up: not delivered). Read and
 * replayed through the messaging module, as the admin API does.
 */
@Controller
class OutboxPagesController {

    static final String PAGE = "/settings/outbox";
    static final int PAGE_SIZE = 50;
    static final List<String> TABS = List.of("dead", "failed", "pending", "sending", "sent");

    private final MessageOutbox outbox;
    private final Tenancy tenancy;

    OutboxPagesController(MessageOutbox outbox, Tenancy tenancy) {
        this.outbox = outbox;
        this.tenancy = tenancy;
    }

    @GetMapping(PAGE)
    @RequiresPermission("admin:messages")
    String page(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) String notice, Model model) {
        CurrentUser me = Authenticated.user();
        String tab = status != null && TABS.contains(status) ? status : "dead";
        int offset = Math.max(0, page) * PAGE_SIZE;
        return tenancy.callAs(me.organizationId(), () -> {
            Page<MessageOutbox.DeliveryView> deliveries = outbox.deliveries(me, tab, null,
                    PageRequest.of(PAGE_SIZE, offset));
            model.addAttribute("tab", tab);
            model.addAttribute("tabs", TABS);
            model.addAttribute("counts", outbox.counts(me));
            model.addAttribute("deliveries", deliveries.items());
            model.addAttribute("page", Math.max(0, page));
            model.addAttribute("hasNext", deliveries.total() != null
                    && offset + deliveries.items().size() < deliveries.total());
            model.addAttribute("recordings", outbox.recordings(me, null, PageRequest.of(20, 0)).items());
            model.addAttribute("notice", SettingsForms.notice(notice));
            model.addAttribute("errors", java.util.Map.of());
            return "settings/outbox";
        });
    }

    @PostMapping(PAGE + "/{id}/replay")
    @RequiresPermission("admin:messages")
    String replay(@PathVariable UUID id, @RequestParam(required = false) String status) {
        CurrentUser me = Authenticated.user();
        String back = PAGE + (status != null && TABS.contains(status) ? "?status=" + status : "");
        try {
            var replayed = tenancy.callAs(me.organizationId(), () -> outbox.replay(me, id));
            return SettingsForms.redirect(back, "The message to " + replayed.toAddress()
                    + " is queued again: it is sent within seconds.");
        } catch (ApiException refused) {
            return SettingsForms.redirect(back, refused.getMessage());
        }
    }
}
