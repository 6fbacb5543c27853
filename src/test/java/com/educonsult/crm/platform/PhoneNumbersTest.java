package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void anIndianNumberWrittenAnyCommonWayHasOneE164Form() {
        for (String written : List.of("+919800001234", "09800001234", "98000 01234", "+91-98000-01234",
                "(+91) 98000.01234", "0091 98000 01234", " 9800001234 ")) {
            assertThat(PhoneNumbers.normalize(written)).as(written).contains("+919800001234");
        }
    }

    @Test
    void aNumberWithoutCountryCodeIsReadInTheOrganizationsRegion() {
        assertThat(PhoneNumbers.normalize("(415) 555-2671", "US")).contains("+14155552671");
        assertThat(PhoneNumbers.normalize("020 7946 0958", "GB")).contains("+442079460958");
        assertThat(PhoneNumbers.normalize("+44 20 7946 0958", "US")).contains("+442079460958");
    }

    @Test
    void whatIsNotAPhoneNumberHasNoForm() {
        for (String written : List.of("", "   ", "12", "hello", "+91 98000", "9".repeat(41))) {
            assertThat(PhoneNumbers.normalize(written)).as(written).isEmpty();
        }
        assertThat(PhoneNumbers.normalize(null)).isEmpty();
    }

    @Test
    void separatorsAreDroppedBeforeTheCacheOnlyWhenTheNumberHasNothingElse() {
        assertThat(PhoneNumbers.withoutSeparators("+91 (98000) 012-34")).isEqualTo("+919800001234");
        assertThat(PhoneNumbers.withoutSeparators("1-800-FLOWERS")).isEqualTo("1-800-FLOWERS");
        assertThat(PhoneNumbers.withoutSeparators("98000 01234 ext. 5")).isEqualTo("98000 01234 ext. 5");
        assertThat(PhoneNumbers.withoutSeparators("98000+01234")).isEqualTo("98000+01234");
    }

    @Test
    void cachedAnswersAreTheParsersAnswersForEveryWayOfWritingANumber() {
        List<String> written = List.of("+919800001234", "09800001234", "98000 01234", "+91-98000-01234",
                "(0) 98000 01234", "0091-98000-01234", "1-800-FLOWERS", "+1 800 356 9377", "(650) 253-0000 x123",
                "650.253.0000", "+44 (0) 20 7946 0958", "020 7946 0958", "0", "00", "+", "--", "9800001234;ext=7",
                "+91 98000 01234 5", "98000-01234-", "(98000) (01234)");
        for (String region : List.of("IN", "US", "GB", "AE")) {
            for (String number : written) {
                Object first = PhoneNumbers.normalize(number, region);
                assertThat(first).as("%s in %s", number, region).isEqualTo(PhoneNumbers.parse(number, region));
                assertThat(PhoneNumbers.normalize(number, region)).as("again: %s in %s", number, region)
                        .isEqualTo(first);
            }
        }
    }

    @Test
    void aNumbersE164FormReadsBackAsItselfInEveryRegion() {
        List<String> written = List.of("09800001234", "98000 01234", "(650) 253-0000", "020 7946 0958",
                "06 12 34 56 78", "312 345 6789", "04 123 4567");
        List<String> regions = List.of("IN", "US", "GB", "FR", "IT", "AE", "AU");
        for (String region : regions) {
            for (String number : written) {
                PhoneNumbers.parse(number, region).ifPresent(e164 -> {
                    for (String other : regions) {
                        assertThat(PhoneNumbers.parse(e164, other)).as("%s from %s read in %s", e164, number, other)
                                .contains(e164);
                        assertThat(PhoneNumbers.normalize(e164, other)).contains(e164);
                    }
                });
            }
        }
    }
}
