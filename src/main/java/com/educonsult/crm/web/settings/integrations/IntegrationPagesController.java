package com.educonsult.crm.web.settings.integrations;

import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationTester;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.web.settings.SettingsForms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The integrations area: every integration type with its state, last activity and last error, each opening the
 * page that connects it. Providers without a flow of their own (email, SMS, WhatsApp, push, payments) are
 * connected here with their credentials, which are sealed by the registry and never shown again; their page also
 * disconnects them and tries the connection where the type has a test.
 */
@Controller
class IntegrationPagesController {

    static final String AREA = "/settings/integrations";
    /** Types connected by their own pages elsewhere in the area. */
    static final Map<IntegrationType, String> OWN_PAGES = Map.of(
            IntegrationType.FACEBOOK, AREA + "/facebook",
            IntegrationType.INSTAGRAM, AREA + "/facebook",
            IntegrationType.WEBSITE_FORMS, AREA + "/forms",
            IntegrationType.GOOGLE_ADS, AREA + "/forms");
    static final int CREDENTIAL_ROWS = 6;
    /** The credential names a provider type expects, named for the admin. */
    static final Map<IntegrationType, List<String>> EXPECTED = Map.of(
            IntegrationType.WHATSAPP, List.of("phone_number_id", "waba_id", "access_token", "app_secret",
                    "verify_token"),
            IntegrationType.SMS, List.of("auth_key", "sender_id"));

    /** One integration as the index lists it, with the page that manages it. */
    public record Card(IntegrationRegistry.IntegrationStatus status, String href, String summary) {
    }

    private final IntegrationRegistry registry;

    IntegrationPagesController(IntegrationRegistry registry) {
        this.registry = registry;
    }

    @GetMapping(AREA)
    @RequiresPermission("settings:manage")
    String index(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        model.addAttribute("cards", registry.list().stream().map(s -> new Card(s, pageOf(s.type()),
                IntegrationType.of(s.type()).orElseThrow().summary())).toList());
        return "settings/integrations/index";
    }

    @GetMapping(AREA + "/{type}")
    @RequiresPermission("settings:manage")
    String provider(@PathVariable String type, @RequestParam(required = false) String notice, Model model) {
        IntegrationType integration = providerType(type);
        model.addAttribute("notice", SettingsForms.notice(notice));
        model.addAttribute("errors", Map.of());
        model.addAttribute("values", Map.of());
        return show(integration, model);
    }

    @PostMapping(AREA + "/{type}/connect")
    @RequiresPermission("settings:manage")
    String connect(@PathVariable String type, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        IntegrationType integration = providerType(type);
        Map<String, String> credentials = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (int row = 0; row < CREDENTIAL_ROWS; row++) {
            String name = SettingsForms.text(form, "name_" + row);
            String value = SettingsForms.text(form, "value_" + row);
            if (name == null && value != null) {
                errors.put("name_" + row, "Name this credential, e.g. api_key");
            } else if (name != null && value == null) {
                errors.put("value_" + row, "Enter the value of " + name);
            } else if (name != null && !name.matches("[A-Za-z][A-Za-z0-9_.-]{0,99}")) {
                errors.put("name_" + row, "Use letters, digits, dots, dashes or underscores, starting with a letter");
            } else if (name != null) {
                credentials.put(name, value);
            }
        }
        if (errors.isEmpty() && credentials.isEmpty()) {
            errors.put("name_0", "Enter at least one credential from the provider's dashboard");
        }
        if (!errors.isEmpty()) {
            return refused(integration, response, model, errors, form);
        }
        try {
            registry.connect(Authenticated.user(), integration, credentials, Map.of());
        } catch (ApiException refused) {
            return refused(integration, response, model, Map.of("name_0", refused.getMessage()), form);
        }
        return SettingsForms.redirect(AREA + "/" + type, integration.label() + " is connected. Its credentials are "
                + "sealed and are not shown again.");
    }

    @PostMapping(AREA + "/{type}/disconnect")
    @RequiresPermission("settings:manage")
    String disconnect(@PathVariable String type) {
        IntegrationType integration = IntegrationType.of(type).orElseThrow(() -> ApiException.notFound("Integration"));
        registry.disconnect(Authenticated.user(), integration);
        return SettingsForms.redirect(OWN_PAGES.getOrDefault(integration, AREA + "/" + type),
                integration.label() + " is disconnected and its credentials are deleted.");
    }

    @PostMapping(AREA + "/{type}/test")
    @RequiresPermission("settings:manage")
    String test(@PathVariable String type, Model model, HttpServletResponse response) {
        IntegrationType integration = IntegrationType.of(type).orElseThrow(() -> ApiException.notFound("Integration"));
        String back = OWN_PAGES.getOrDefault(integration, AREA + "/" + type);
        try {
            IntegrationTester.Outcome outcome = registry.test(Authenticated.user(), integration);
            return SettingsForms.redirect(back, (outcome.ok() ? "The connection works: " : "The connection failed: ")
                    + outcome.message());
        } catch (ApiException refused) {
            return SettingsForms.redirect(back, refused.getMessage());
        }
    }

    private String refused(IntegrationType integration, HttpServletResponse response, Model model,
            Map<String, String> errors, MultiValueMap<String, String> form) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        Map<String, String> typed = new LinkedHashMap<>();
        form.toSingleValueMap().forEach((k, v) -> {
            if (k.startsWith("name_")) {
                typed.put(k, v);
            }
        });
        model.addAttribute("errors", errors);
        model.addAttribute("values", typed);
        return show(integration, model);
    }

    private String show(IntegrationType integration, Model model) {
        model.addAttribute("integration", registry.get(integration));
        model.addAttribute("rows", java.util.stream.IntStream.range(0, CREDENTIAL_ROWS).boxed().toList());
        model.addAttribute("expected", EXPECTED.getOrDefault(integration, List.of()));
        model.addAttribute("fieldNames", java.util.stream.IntStream.range(0, CREDENTIAL_ROWS).boxed()
                .flatMap(i -> java.util.stream.Stream.of("name_" + i, "value_" + i)).toList());
        return "settings/integrations/provider";
    }

    /** A type connected on this generic page; the others have pages of their own, so 404 here. */
    private static IntegrationType providerType(String code) {
        return IntegrationType.of(code).filter(type -> !OWN_PAGES.containsKey(type))
                .orElseThrow(() -> ApiException.notFound("Integration"));
    }

    private static String pageOf(String code) {
        IntegrationType type = IntegrationType.of(code).orElseThrow();
        return OWN_PAGES.getOrDefault(type, AREA + "/" + code);
    }
}
