package com.educonsult.crm.web;

import com.educonsult.crm.platform.web.HtmlErrorPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

/** An unknown console address, or one the server cannot read, is the console's error page, not JSON. */
@Component
class ConsoleErrorPages implements HtmlErrorPages {

    private final ViewResolver views;

    ConsoleErrorPages(@org.springframework.beans.factory.annotation.Qualifier("thymeleafViewResolver") ViewResolver views) {
        this.views = views;
    }

    @Override
    public boolean render(HttpServletRequest request, HttpServletResponse response, HttpStatus status) {
        String accept = request.getHeader("Accept");
        if (!ConsolePaths.isConsole(request) || accept == null || !accept.contains("text/html")
                || response.isCommitted()) {
            return false;
        }
        try {
            View view = views.resolveViewName("error", Locale.ENGLISH);
            if (view == null) {
                return false;
            }
            response.setStatus(status.value());
            String message = status == HttpStatus.NOT_FOUND
                    ? "There is nothing at this address. Check it, or start again from the dashboard."
                    : "The address could not be read. Start again from the dashboard.";
            view.render(Map.of("status", status.value(), "title", ConsoleErrors.title(status), "message", message),
                    request, response);
            return true;
        } catch (Exception failed) {
            return false;
        }
    }
}
