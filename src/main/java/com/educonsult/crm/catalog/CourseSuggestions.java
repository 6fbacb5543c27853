package com.educonsult.crm.catalog;

import com.educonsult.crm.platform.security.CurrentUser;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The courses that suit a lead, best first, as the lead page shows them: the ranking of
 * {@code GET /api/v1/leads/{id}/course-matches}, each with the sentences that explain its score.
 */
@Service
public class CourseSuggestions {

    /** One suggested course, where it is taught, what it costs and why it was suggested. */
    public record SuggestedCourse(UUID courseId, String course, String level, String institution, String country,
            boolean partner, BigDecimal fee, String currency, List<String> intakes, int score, List<String> reasons) {
    }

    private final CourseMatches matches;

    CourseSuggestions(CourseMatches matches) {
        this.matches = matches;
    }

    /** The best {@code limit} courses for a lead the caller may see (404 otherwise). */
    public List<SuggestedCourse> forLead(CurrentUser user, UUID leadId, int limit) {
        return matches.forLead(user, leadId, limit).matches().stream().map(m -> new SuggestedCourse(
                m.course().id(), m.course().name(), m.course().level(), m.course().institution().name(),
                m.course().institution().countryName(), m.course().institution().isPartner(), m.course().fee(),
                m.course().currency(), m.course().intakes(), m.score(),
                m.reasons().stream().map(CourseMatching.Reason::detail).toList())).toList();
    }
}
