package com.educonsult.crm.web.settings.people;

import com.educonsult.crm.identity.Sessions;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.web.support.Times;
import java.time.ZoneId;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.PageRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Your sessions": where the signed-in person is signed in (browsers and apps), the current one marked, with an end
 * to any other one or to all others at once. Ending a session stops its browser or app at its next request.
 */
@Controller
class AccountSessionsController {

    /** A session with a readable name of the device or browser it is on. */
    public record Row(Sessions.SessionView session, String device, String browser, String endLabel) {
    }

    private final Sessions sessions;
    private final UserDirectory users;
    private final Times times;
    private final Tenancy tenancy;

    AccountSessionsController(Sessions sessions, UserDirectory users, Times times, Tenancy tenancy) {
        this.tenancy = tenancy;
        this.sessions = sessions;
        this.users = users;
        this.times = times;
    }

    @GetMapping("/account/sessions")
    @RequiresPermission("profile:manage")
    String list(@RequestParam(required = false) String notice, Model model) {
        UUID organizationId = Authenticated.user().organizationId();
        ZoneId zone = tenancy.callAs(organizationId, () -> users.timeZone(organizationId));
        model.addAttribute("notice", notice);
        model.addAttribute("rows", live(Authenticated.user()).stream()
                .map(s -> new Row(s, deviceOf(s), browserOf(s.userAgent()), "End the session on " + deviceOf(s)
                        + " signed in " + times.at(s.createdAt(), zone))).toList());
        return "account/sessions";
    }

    @PostMapping("/account/sessions/{id}/end")
    @RequiresPermission("profile:manage")
    String end(@PathVariable UUID id) {
        Sessions.SessionView ended = sessions.revokeOwn(Authenticated.user(), id);
        if (ended.current()) {
            return "redirect:/login";
        }
        return "redirect:/account/sessions?notice=" + BranchPagesController.encode(
                "Session ended: " + deviceOf(ended) + " is signed out.");
    }

    @PostMapping("/account/sessions/end-others")
    @RequiresPermission("profile:manage")
    String endOthers() {
        CurrentUser me = Authenticated.user();
        int ended = 0;
        for (Sessions.SessionView session : live(me)) {
            if (!session.current()) {
                sessions.revokeOwn(me, session.id());
                ended++;
            }
        }
        return "redirect:/account/sessions?notice=" + BranchPagesController.encode(ended == 0
                ? "There was no other session to end." : ended == 1 ? "1 other session ended."
                : ended + " other sessions ended.");
    }

    private List<Sessions.SessionView> live(CurrentUser me) {
        return sessions.listOf(me, false, PageRequest.of(PageRequest.MAX_LIMIT, 0)).items();
    }

    private static String deviceOf(Sessions.SessionView session) {
        if (session.deviceName() != null && !session.deviceName().isBlank()) {
            return session.deviceName();
        }
        return session.userAgent() != null ? browserOf(session.userAgent()) : "Unknown device";
    }

    /** A short name of the browser and system from a user agent, e.g. "Chrome on Windows". */
    static String browserOf(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String ua = userAgent;
        String browser = ua.contains("Edg/") ? "Edge" : ua.contains("OPR/") ? "Opera"
                : ua.contains("Firefox/") ? "Firefox" : ua.contains("Chrome/") || ua.contains("Chromium/") ? "Chrome"
                : ua.contains("Safari/") ? "Safari" : ua.contains("okhttp") ? "Android app"
                : ua.contains("Java-http-client") ? "API client" : null;
        String system = ua.contains("Android") ? "Android" : ua.contains("iPhone") || ua.contains("iPad") ? "iOS"
                : ua.contains("Windows") ? "Windows" : ua.contains("Mac OS") ? "macOS"
                : ua.contains("Linux") ? "Linux" : null;
        if (browser == null) {
            return ua.length() > 60 ? ua.substring(0, 60) + "…" : ua;
        }
        return system == null ? browser : browser + " on " + system;
    }
}
