package com.educonsult.crm.web;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame shows: who is signed in, the navigation they may use, the CSRF token for htmx. */
@ControllerAdvice(basePackageClasses = ConsoleFrame.class)
class ConsoleFrame {

    private final UserDirectory users;
    private final Tenancy tenancy;

    ConsoleFrame(UserDirectory users, Tenancy tenancy) {
        this.users = users;
        this.tenancy = tenancy;
    }

    @ModelAttribute("me")
    ConsoleUser me() {
        CurrentUser user = Authenticated.current().orElse(null);
        if (user == null) {
            return null;
        }
        record Names(String person, String organization, ZoneId zone) {
        }
        Names names = tenancy.callAs(user.organizationId(), () -> new Names(
                users.find(user.organizationId(), user.userId()).map(UserSummary::fullName).orElse("Unknown user"),
                users.organizationName(user.organizationId()), users.timeZone(user.organizationId())));
        return new ConsoleUser(names.person(), ConsoleUser.initialsOf(names.person()), ConsoleUser.roleOf(user),
                names.organization(), names.zone(), ConsoleUser.navigationFor(user), user);
    }

    @ModelAttribute("zone")
    ZoneId zone(@ModelAttribute("me") ConsoleUser me) {
        return me == null ? ZoneId.of("UTC") : me.zone();
    }

    @ModelAttribute("csrf")
    CsrfToken csrf(HttpServletRequest request) {
        return (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
