package com.educonsult.crm.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRenderingTest {

    @Test
    void placeholdersAreFilledWithSpacesInsideTheBracesAllowed() {
        var rendered = TemplateRendering.render("Hi {{first_name}}, {{ counselor_name }} here about {{course}}.",
                Map.of("first_name", "Asha", "counselor_name", "Ravi", "course", "MSc Data Science"));

        assertThat(rendered.text()).isEqualTo("Hi Asha, Ravi here about MSc Data Science.");
        assertThat(rendered.unknown()).isEmpty();
        assertThat(rendered.empty()).isEmpty();
    }

    @Test
    void unknownPlaceholdersAreLeftAsWrittenAndReportedOnce() {
        var rendered = TemplateRendering.render("{{first_name}} {{nickname}} {{nickname}} {{shoe_size}}",
                Map.of("first_name", "Asha"));

        assertThat(rendered.text()).isEqualTo("Asha {{nickname}} {{nickname}} {{shoe_size}}");
        assertThat(rendered.unknown()).containsExactly("nickname", "shoe_size");
    }

    @Test
    void knownPlaceholdersWithoutAValueAndMissingCustomFieldsRenderAsNothing() {
        Map<String, String> values = new HashMap<>();
        values.put("first_name", "Asha");
        values.put("parent_name", null);
        values.put("custom.passport", "Yes");

        var rendered = TemplateRendering.render("{{first_name}}/{{parent_name}}/{{custom.passport}}/{{custom.ielts}}", values);

        assertThat(rendered.text()).isEqualTo("Asha//Yes/");
        assertThat(rendered.empty()).containsExactly("parent_name", "custom.ielts");
        assertThat(rendered.unknown()).isEmpty();
    }

    @Test
    void valuesAreInsertedLiterallyEvenWithDollarsAndBackslashes() {
        var rendered = TemplateRendering.render("Fee: {{fee}}", Map.of("fee", "$5,000 \\ {{first_name}}"));

        assertThat(rendered.text()).isEqualTo("Fee: $5,000 \\ {{first_name}}");
    }

    @Test
    void singleBracesArePlainText() {
        assertThat(TemplateRendering.syntaxError("Use {curly} braces, {{first_name}} }")).isEmpty();
        assertThat(TemplateRendering.placeholders("Hi {{ first_name }}, {{course}} and {{first_name}} {x}"))
                .containsExactly("first_name", "course");
    }

    @Test
    void unbalancedOrMalformedPlaceholdersAreSyntaxErrors() {
        assertThat(TemplateRendering.syntaxError("Hi {{first_name")).get().asString().contains("without a matching \"}}\"");
        assertThat(TemplateRendering.syntaxError("Hi first_name}}")).get().asString().contains("without a matching \"{{\"");
        assertThat(TemplateRendering.syntaxError("Hi {{first_name {{last_name}}")).isPresent();
        assertThat(TemplateRendering.syntaxError("Hi {{}}")).get().asString().contains("invalid placeholder");
        assertThat(TemplateRendering.syntaxError("Hi {{first name}}")).isPresent();
        assertThat(TemplateRendering.syntaxError("Hi {{{first_name}}}")).isPresent();
        assertThat(TemplateRendering.syntaxError("Hi {{custom.passport_no}} and {{ custom.x }}")).isEmpty();
        assertThat(TemplateRendering.syntaxError(null)).isEmpty();
    }
}
