package com.educonsult.crm.web;

import com.educonsult.crm.identity.PasswordResets;
import com.educonsult.crm.platform.RequestInfo;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Forgot your password?": a code is sent to the account's email or phone, then the code and a new password set
 * it, through the same one-time codes and limits as the API. Every session of the account ends with the change.
 */
@Controller
class ForgotPasswordController {

    private final PasswordResets resets;

    ForgotPasswordController(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping("/forgot-password")
    @PublicEndpoint
    String form(HttpServletRequest request, Model model) {
        model.addAttribute("organization", ConsoleCookies.read(request, ConsoleCookies.ORGANIZATION).orElse(""));
        model.addAttribute("login", "");
        model.addAttribute("step", "send");
        model.addAttribute("errors", Map.of());
        return "forgot-password";
    }

    @PostMapping("/forgot-password/code")
    @PublicEndpoint
    String sendCode(@RequestParam(defaultValue = "") String organization, @RequestParam(defaultValue = "") String login,
            HttpServletResponse response, Model model) {
        model.addAttribute("organization", organization.strip());
        model.addAttribute("login", login.strip());
        model.addAttribute("errors", Map.of());
        try {
            resets.sendCode(organization.strip(), login.strip(), RequestInfo.current().ipAddress());
            model.addAttribute("step", "reset");
        } catch (ApiException refused) {
            response.setStatus(refused.status().value());
            model.addAttribute("step", "send");
            model.addAttribute("errors", Map.of("form", plain(refused)));
        }
        return "forgot-password";
    }

    @PostMapping("/forgot-password/reset")
    @PublicEndpoint
    String reset(@RequestParam(defaultValue = "") String organization, @RequestParam(defaultValue = "") String login,
            @RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String password,
            HttpServletResponse response, Model model) {
        model.addAttribute("organization", organization.strip());
        model.addAttribute("login", login.strip());
        model.addAttribute("step", "reset");
        try {
            resets.resetWithCode(organization.strip(), login.strip(), code.strip(), password,
                    RequestInfo.current().ipAddress());
            return "redirect:/login?reset";
        } catch (ApiException refused) {
            response.setStatus(refused.status().value());
            String field = refused.errors().isEmpty() ? "form" : refused.errors().getFirst().field();
            model.addAttribute("errors", Map.of(field.equals("password") ? "password" : "code", plain(refused)));
            return "forgot-password";
        }
    }

    private static String plain(ApiException refused) {
        return refused.errors().isEmpty() ? refused.getMessage()
                : humanField(refused.errors().getFirst().field()) + " " + refused.errors().getFirst().message();
    }

    private static String humanField(String field) {
        return switch (field) {
            case "organization_slug" -> "The organization";
            case "email" -> "The email";
            case "phone" -> "The phone";
            case "code" -> "The code";
            case "password" -> "The password";
            default -> "This";
        };
    }
}
