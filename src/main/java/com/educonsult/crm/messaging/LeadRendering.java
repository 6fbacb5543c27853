package com.educonsult.crm.messaging;

import com.educonsult.crm.catalog.Country;
import com.educonsult.crm.catalog.CountryDirectory;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.jooq.tables.records.MessageTemplatesRecord;
import com.educonsult.crm.leads.LeadProfile;
import com.educonsult.crm.leads.LeadProfiles;
import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A message template filled in for one lead the user may see, with a WhatsApp click-to-chat link. */
@Service
public class LeadRendering {

    /**
     * @param unknownPlaceholders placeholders that name nothing, left in the text as written
     * @param emptyPlaceholders placeholders the lead has no value for, rendered as nothing
     * @param whatsappUrl a wa.me link with the text, for a WhatsApp template and a lead with a phone
     */
    public record RenderedMessage(UUID templateId, UUID leadId, String subject, String text, List<String> unknownPlaceholders,
            List<String> emptyPlaceholders, String whatsappUrl) {
    }

    /** A placeholder a template may use, as {@code {{tag}}}; custom fields are {@code {{custom.<key>}}}. */
    public record Placeholder(String tag, String placeholder, String description) {
        Placeholder(String tag, String description) {
            this(tag, "{{" + tag + "}}", description);
        }
    }

    /** The placeholders {@link #values} fills, in the order pickers show them. */
    public static final List<Placeholder> PLACEHOLDERS = List.of(
            new Placeholder("first_name", "The lead's first name"),
            new Placeholder("last_name", "The lead's last name"),
            new Placeholder("full_name", "The lead's full name"),
            new Placeholder("student_name", "The student's name, or the lead's when not given"),
            new Placeholder("parent_name", "The parent's name"),
            new Placeholder("phone", "The lead's phone"),
            new Placeholder("email", "The lead's email"),
            new Placeholder("city", "The lead's city"),
            new Placeholder("course", "The first course the lead is interested in"),
            new Placeholder("institution", "The first institution the lead prefers"),
            new Placeholder("intake", "The intake the lead prefers"),
            new Placeholder("country", "The first country the lead prefers"),
            new Placeholder("counselor_name", "The lead's counselor, or the sender for a lead nobody owns"),
            new Placeholder("organization_name", "The organization's name"),
            new Placeholder(TemplateRendering.CUSTOM_PREFIX + "<key>", "{{custom.<key>}}",
                    "A custom field of the lead, by its key"));

    private final MessageTemplates templates;
    private final LeadProfiles leads;
    private final UserDirectory users;
    private final CountryDirectory countries;

    LeadRendering(MessageTemplates templates, LeadProfiles leads, UserDirectory users, CountryDirectory countries) {
        this.templates = templates;
        this.leads = leads;
        this.users = users;
        this.countries = countries;
    }

    @Transactional(readOnly = true)
    public RenderedMessage render(CurrentUser user, UUID templateId, UUID leadId) {
        MessageTemplatesRecord template = templates.find(user.organizationId(), templateId);
        return rendered(user, template, leads.findVisible(user, leadId).orElseThrow(() -> ApiException.notFound("Lead")));
    }

    /**
     * Texts not saved yet, filled as {@link #render} fills a template: for a lead the user may see, or for a
     * sample lead when none is given. The editor's live preview; malformed placeholders are refused naming the field.
     */
    @Transactional(readOnly = true)
    public RenderedMessage preview(CurrentUser user, String subject, String content, boolean whatsapp, UUID leadId) {
        checkPlaceholders(subject, content);
        LeadProfile lead = leadId == null ? sample(user)
                : leads.findVisible(user, leadId).orElseThrow(() -> ApiException.notFound("Lead"));
        return previewed(user, subject, content, whatsapp, lead, leadId);
    }

    /**
     * {@link #render} and {@link #preview} for many leads at once (a campaign's batch): the template and the leads
     * are read once, in the caller's transaction.
     */
    public Batch batch(CurrentUser user, UUID templateId, Collection<UUID> leadIds) {
        MessageTemplatesRecord template = templateId == null ? null : templates.find(user.organizationId(), templateId);
        return new Batch(user, template, leads.findVisible(user, leadIds));
    }

    /** The leads of a batch, read once; a lead deleted or out of scope meanwhile is a not-found, as one by one. */
    public final class Batch {
        private final CurrentUser user;
        private final MessageTemplatesRecord template;
        private final Map<UUID, LeadProfile> leads;

        private Batch(CurrentUser user, MessageTemplatesRecord template, Map<UUID, LeadProfile> leads) {
            this.user = user;
            this.template = template;
            this.leads = leads;
        }

        public RenderedMessage render(UUID leadId) {
            if (template == null) {
                throw ApiException.notFound("Message template");
            }
            return rendered(user, template, lead(leadId));
        }

        public RenderedMessage preview(String subject, String content, boolean whatsapp, UUID leadId) {
            checkPlaceholders(subject, content);
            return previewed(user, subject, content, whatsapp, lead(leadId), leadId);
        }

        private LeadProfile lead(UUID leadId) {
            LeadProfile lead = leads.get(leadId);
            if (lead == null) {
                throw ApiException.notFound("Lead");
            }
            return lead;
        }
    }

    private static void checkPlaceholders(String subject, String content) {
        Placeholders.withPlaceholders("subject", subject);
        Placeholders.withPlaceholders("content", content);
    }

    private RenderedMessage rendered(CurrentUser user, MessageTemplatesRecord template, LeadProfile lead) {
        Map<String, String> values = values(user, lead);
        TemplateRendering.Rendered subject = TemplateRendering.render(template.getSubject(), values);
        TemplateRendering.Rendered text = TemplateRendering.render(template.getContent(), values);
        String whatsappUrl = template.getIsWhatsapp() ? whatsappUrl(user.organizationId(), lead.phone(), text.text()) : null;
        return new RenderedMessage(template.getId(), lead.id(), subject.text(), text.text(),
                union(subject.unknown(), text.unknown()), union(subject.empty(), text.empty()), whatsappUrl);
    }

    private RenderedMessage previewed(CurrentUser user, String subject, String content, boolean whatsapp,
            LeadProfile lead, UUID leadId) {
        Map<String, String> values = values(user, lead);
        TemplateRendering.Rendered renderedSubject = TemplateRendering.render(subject, values);
        TemplateRendering.Rendered text = TemplateRendering.render(content == null ? "" : content, values);
        String whatsappUrl = whatsapp ? whatsappUrl(user.organizationId(), lead.phone(), text.text()) : null;
        return new RenderedMessage(null, leadId, renderedSubject.text(), text.text(),
                union(renderedSubject.unknown(), text.unknown()), union(renderedSubject.empty(), text.empty()),
                whatsappUrl);
    }

    /** A made-up lead for previews, owned by nobody (so the counselor is the user who writes). */
    private static LeadProfile sample(CurrentUser user) {
        return new LeadProfile(null, user.organizationId(), "Asha", "Verma", "+919876543210", "asha.verma@example.com",
                null, "Rakesh Verma", List.of("MSc Data Science"), List.of("GB"), List.of("University of Leeds"), null,
                null, null, "September 2026", "Pune", null, null, Map.of());
    }

    private Map<String, String> values(CurrentUser user, LeadProfile lead) {
        Map<String, String> values = new HashMap<>();
        values.put("first_name", lead.firstName());
        values.put("last_name", lead.lastName());
        values.put("full_name", lead.fullName());
        values.put("student_name", lead.studentName() == null || lead.studentName().isBlank()
                ? lead.fullName() : lead.studentName());
        values.put("parent_name", lead.parentName());
        values.put("phone", lead.phone());
        values.put("email", lead.email());
        values.put("city", lead.city());
        values.put("course", first(lead.interestedCourses()));
        values.put("institution", first(lead.preferredInstitutions()));
        values.put("intake", lead.intakePreference());
        String country = first(lead.preferredCountries());
        values.put("country", country == null ? null : countries.resolve(country).map(Country::name).orElse(country));
        values.put("counselor_name", counselor(user, lead));
        values.put("organization_name", users.organizationName(user.organizationId()));
        lead.customFields().forEach((key, value) -> values.put(TemplateRendering.CUSTOM_PREFIX + key, text(value)));
        return values;
    }

    /** The lead's counselor; for a lead nobody owns yet, the user who writes. */
    private String counselor(CurrentUser user, LeadProfile lead) {
        UUID counselorId = lead.assignedTo() != null ? lead.assignedTo() : user.userId();
        return users.find(user.organizationId(), counselorId).map(UserSummary::fullName).orElse(null);
    }

    private String whatsappUrl(UUID organizationId, String phone, String text) {
        Optional<String> e164 = PhoneNumbers.normalize(phone, users.phoneRegion(organizationId));
        return e164.map(number -> "https://wa.me/" + number.replaceAll("\\D", "") + "?text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20")).orElse(null);
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return value == null ? null : String.valueOf(value);
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.getFirst();
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
