package com.educonsult.crm.integrations.forms;

import com.educonsult.crm.platform.security.PathCorsPolicy;
import com.educonsult.crm.platform.web.SiteOriginCors;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;

/** A form's submissions may come cross-origin only from the origins its owner listed (see {@link SiteOriginCors}). */
@Component
class FormCors implements PathCorsPolicy {

    static final String PREFIX = "/webhooks/forms/";

    private final PublishedForms forms;

    FormCors(PublishedForms forms) {
        this.forms = forms;
    }

    @Override
    public boolean covers(HttpServletRequest request) {
        return SiteOriginCors.path(request).startsWith(PREFIX);
    }

    @Override
    public CorsConfiguration configuration(HttpServletRequest request) {
        String key = SiteOriginCors.path(request).substring(PREFIX.length());
        return SiteOriginCors.configuration(request, origin -> forms.find(key)
                .filter(form -> form.active() && form.allows(origin)).isPresent());
    }
}
