package com.educonsult.crm.catalog;

import com.educonsult.crm.leads.LeadProfile;
import com.educonsult.crm.leads.LeadProfiles;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organization's courses ranked for one lead the user may see. */
@Service
class CourseMatches {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** The matches, with what the ranking went by: the lead's preferences, countries as resolved codes. */
    record MatchesView(UUID leadId, CourseMatching.Preferences criteria, List<CourseMatching.Match> matches) {
    }

    private final LeadProfiles leads;
    private final Courses courses;
    private final Countries countries;

    CourseMatches(LeadProfiles leads, Courses courses, Countries countries) {
        this.leads = leads;
        this.courses = courses;
        this.countries = countries;
    }

    @Transactional(readOnly = true)
    MatchesView forLead(CurrentUser user, UUID leadId, Integer limit) {
        int checkedLimit = limit == null ? DEFAULT_LIMIT : limit;
        if (checkedLimit < 1 || checkedLimit > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        LeadProfile lead = leads.findVisible(user, leadId).orElseThrow(() -> ApiException.notFound("Lead"));
        Set<String> countryCodes = new LinkedHashSet<>();
        lead.preferredCountries().forEach(c -> countries.resolve(c).ifPresent(country -> countryCodes.add(country.code())));
        var preferences = new CourseMatching.Preferences(lead.interestedCourses(), countryCodes,
                lead.preferredInstitutions(), lead.budgetMax(), lead.budgetCurrency(), lead.intakePreference());
        List<CourseMatching.Match> ranked = CourseMatching.rank(preferences, courses.offered(user.organizationId()));
        return new MatchesView(lead.id(), preferences, ranked.subList(0, Math.min(checkedLimit, ranked.size())));
    }
}
