package com.educonsult.crm.integrations.forms;

import com.educonsult.crm.identity.DemoOrganizationSeeded;
import com.educonsult.crm.integrations.WebForms;
import com.educonsult.crm.platform.PublicUrl;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo organization's website enquiry form, ready to embed: the console shows its snippet and a live preview
 * that sends real enquiries from this server's own address, so a visitor can watch a lead arrive by itself.
 */
@Component
class DemoWebForm {

    private final WebForms forms;
    private final PublicUrl publicUrl;

    DemoWebForm(WebForms forms, PublicUrl publicUrl) {
        this.forms = forms;
        this.publicUrl = publicUrl;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void seed(DemoOrganizationSeeded organization) {
        List<WebForms.Field> fields = List.of(
                new WebForms.Field("name", "Full name", "text", true, "full_name", null, null),
                new WebForms.Field("phone", "Mobile number", "tel", true, "phone", null, "+91 98765 43210"),
                new WebForms.Field("email", "Email", "email", false, "email", null, null),
                new WebForms.Field("course", "Course you are interested in", "select", false, "interested_courses",
                        List.of("MS Computer Science", "MBA", "MBBS abroad", "MSc Data Science", "BBA"), null),
                new WebForms.Field("country", "Where would you like to study?", "select", false,
                        "preferred_countries", List.of("Canada", "UK", "Australia", "Germany", "USA", "Ireland"),
                        null),
                new WebForms.Field("city", "Your city", "text", false, "city", null, null),
                new WebForms.Field("consent", "You may call and message me about my enquiry", "checkbox", false,
                        "consent", null, null));
        forms.create(organization.admin().principal(), new WebForms.FormRequest("Website enquiry form", "website",
                fields, Map.of(), List.of(publicUrl.base()), null, null, null, null, null, null, null, null,
                "Thank you! A counselor will call you within a working day.", true, "website", null,
                List.of("website-form")));
    }
}
