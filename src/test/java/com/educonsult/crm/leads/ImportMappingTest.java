package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.educonsult.crm.platform.web.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportMappingTest {

    @Test
    void headersAreMatchedToFieldsAndAliasesIgnoringCaseAndPunctuation() {
        List<String> header = List.of("Full Name", "Mobile", "E-mail", "Phone Number", "City", "Favourite colour");

        ImportMapping mapping = ImportMapping.fromHeader(header);

        assertThat(mapping.columns()).containsExactly(Map.entry("Full Name", "full_name"),
                Map.entry("Mobile", "phone"), Map.entry("E-mail", "email"), Map.entry("City", "city"));
    }

    @Test
    void aRowBecomesTheApiBodyWithTheNameSplitListsSplitAndBlankCellsLeftOut() {
        List<String> header = List.of("Name", "Tags", "City", "Budget");
        ImportMapping mapping = ImportMapping.given(Map.of("Name", "full_name", "Tags", "tags", "City", "city",
                "Budget", "custom_fields.budget_note"), header);

        Map<String, Object> body = mapping.body(header, List.of(" Riya  Sharma Kapoor ", "a; b|c", "  ", "tight"));

        assertThat(body).containsEntry("first_name", "Riya").containsEntry("last_name", "Sharma Kapoor")
                .containsEntry("tags", List.of("a", "b", "c")).containsEntry("custom_fields", Map.of("budget_note", "tight"))
                .doesNotContainKey("city");
    }

    @Test
    void aMappingMustNameColumnsOfTheFileAndFieldsOfALeadAndGiveAName() {
        List<String> header = List.of("A", "B");

        assertThatThrownBy(() -> ImportMapping.given(Map.of("C", "phone"), header)).isInstanceOf(ApiException.class)
                .hasMessageContaining("'C'");
        assertThatThrownBy(() -> ImportMapping.given(Map.of("A", "assigned_to"), header))
                .hasMessageContaining("not a lead field");
        assertThatThrownBy(() -> ImportMapping.given(Map.of("A", "phone"), header))
                .hasMessageContaining("first_name");
        assertThatThrownBy(() -> ImportMapping.fromHeader(header)).isInstanceOf(ApiException.class);
    }
}
