package com.educonsult.crm.web;

import com.educonsult.crm.identity.ConsoleSessions;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.web.support.Htmx;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page, signing in and out. The organization signed in to last is remembered on the device. */
@Controller
class SignInController {

    static final String SESSION_ENDED = SignInController.class.getName() + ".ended";
    private static final Duration REMEMBER_ORGANIZATION = Duration.ofDays(365);

    private final ConsoleSessions sessions;

    SignInController(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/login")
    @PublicEndpoint
    String loginPage(HttpServletRequest request, Model model, @RequestParam(required = false) String next) {
        if (Authenticated.current().isPresent()) {
            return "redirect:" + Htmx.safeLocal(next);
        }
        model.addAttribute("organization", ConsoleCookies.read(request, ConsoleCookies.ORGANIZATION).orElse(""));
        model.addAttribute("next", Htmx.safeLocal(next));
        model.addAttribute("ended", request.getParameter("expired") != null
                || request.getAttribute(SESSION_ENDED) != null);
        return "login";
    }

    @PostMapping("/login")
    @PublicEndpoint
    String signIn(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String organization, @RequestParam(required = false) String next,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("login", login);
        model.addAttribute("organization", organization);
        model.addAttribute("next", Htmx.safeLocal(next));
        String missing = login.isBlank() ? "login" : password.isEmpty() ? "password"
                : organization.isBlank() ? "organization" : null;
        if (missing != null) {
            model.addAttribute("fieldErrors", java.util.Map.of(missing, "Enter your " + label(missing)));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "login";
        }
        try {
            ConsoleSessions.SignedIn signedIn = sessions.signIn(login.trim(), password, organization.trim(),
                    request.getHeader("User-Agent"));
            ConsoleCookies.write(request, response, ConsoleCookies.SESSION, signedIn.token(), signedIn.maxAge(), true);
            ConsoleCookies.write(request, response, ConsoleCookies.ORGANIZATION, organization.trim(),
                    REMEMBER_ORGANIZATION, true);
            return "redirect:" + Htmx.safeLocal(next);
        } catch (ApiException refused) {
            response.setStatus(refused.status().value());
            model.addAttribute("failure", refused.status() == HttpStatus.LOCKED ? LOCKED
                    : refused.status() == HttpStatus.UNAUTHORIZED
                            ? "That login, password and organization do not match an active account."
                            : refused.getMessage());
            return "login";
        }
    }

    /** The API says until when (UTC); a person needs what to do. */
    static final String LOCKED = "Too many wrong passwords: this account is locked for 15 minutes. Try again "
            + "later, or set a new password with “Forgot your password?”, which unlocks it.";

    @PostMapping("/logout")
    @PublicEndpoint
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        Authenticated.current().ifPresent(sessions::signOut);
        ConsoleCookies.clear(request, response, ConsoleCookies.SESSION);
        return "redirect:/login?signed-out";
    }

    private static String label(String field) {
        return switch (field) {
            case "login" -> "email or phone";
            case "organization" -> "organization";
            default -> field;
        };
    }
}
