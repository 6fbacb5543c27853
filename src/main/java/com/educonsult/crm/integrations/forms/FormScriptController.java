package com.educonsult.crm.integrations.forms;

import com.educonsult.crm.integrations.WebForms;
import com.educonsult.crm.platform.PublicUrl;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The script a page embeds to show a form: the renderer (a static file) given the form's public settings as a JSON
 * literal, never evaluated text. Cached by browsers for five minutes.
 */
@RestController
@PublicEndpoint
@Tag(name = "Webhooks")
class FormScriptController {

    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);
    private static final String RENDERER = read("/integrations/forms/embed.js");

    private final PublishedForms forms;
    private final PublicUrl publicUrl;
    private final JsonMapper json;

    FormScriptController(PublishedForms forms, PublicUrl publicUrl, JsonMapper json) {
        this.forms = forms;
        this.publicUrl = publicUrl;
        this.json = json;
    }

    @GetMapping("/forms/{form_key}.js")
    @Operation(summary = "The script that renders a website form into the page that embeds it",
            description = "Embed with <div data-educonsult-form=\"KEY\"></div><script src=\".../forms/KEY.js\" "
                    + "async></script>. The form posts to /webhooks/forms/KEY with the page's address, referrer and "
                    + "UTM parameters. 404 for a key that is no website form's.")
    @ApiResponse(responseCode = "200", description = "The script",
            content = @Content(mediaType = "text/javascript", schema = @Schema(type = "string")))
    ResponseEntity<String> script(@PathVariable("form_key") String formKey) {
        PublishedForm form = forms.find(formKey).filter(f -> f.kind().equals("website"))
                .orElseThrow(() -> ApiException.notFound("Form"));
        return ResponseEntity.ok()
                .contentType(JAVASCRIPT)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .body(RENDERER.replace("__CONFIG__", literal(config(form))));
    }

    private Map<String, Object> config(PublishedForm form) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("key", form.key());
        config.put("name", form.name());
        config.put("endpoint", publicUrl.of(FormCors.PREFIX + form.key()));
        config.put("active", form.active());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (WebForms.Field field : form.fields()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("name", field.name());
            shown.put("label", field.label());
            shown.put("type", field.type());
            shown.put("required", Boolean.TRUE.equals(field.required()));
            shown.put("maps_to", field.mapsTo());
            shown.put("options", field.options());
            shown.put("placeholder", field.placeholder());
            fields.add(shown);
        }
        config.put("fields", fields);
        config.put("honeypot", form.honeypotField());
        if (form.captchaProvider() != null) {
            config.put("captcha", Map.of("provider", form.captchaProvider(), "site_key", form.captchaSiteKey(),
                    "field", form.captchaField()));
        }
        config.put("thank_you_message", form.thankYouMessage());
        return config;
    }

    /** JSON as a script literal: nothing in it can end the script or a line. */
    private String literal(Object value) {
        return json.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String read(String resource) {
        try (InputStream in = FormScriptController.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
