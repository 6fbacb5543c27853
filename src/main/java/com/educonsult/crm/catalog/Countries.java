package com.educonsult.crm.catalog;

import static com.educonsult.crm.jooq.Tables.COUNTRIES;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The ISO country list, read once: only a migration changes it. */
@Service
public class Countries implements CountryDirectory {

    /** Names people use that are neither the ISO code nor the ISO name. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("uk", "GB"), Map.entry("england", "GB"), Map.entry("scotland", "GB"),
            Map.entry("wales", "GB"), Map.entry("northern ireland", "GB"), Map.entry("britain", "GB"),
            Map.entry("great britain", "GB"), Map.entry("usa", "US"), Map.entry("america", "US"),
            Map.entry("united states of america", "US"), Map.entry("uae", "AE"), Map.entry("dubai", "AE"),
            Map.entry("holland", "NL"), Map.entry("the netherlands", "NL"), Map.entry("korea", "KR"),
            Map.entry("turkey", "TR"), Map.entry("czech republic", "CZ"), Map.entry("russian federation", "RU"));

    private final DSLContext db;
    private volatile Map<String, Country> byCode;
    private volatile Map<String, Country> byName;

    Countries(DSLContext db) {
        this.db = db;
    }

    @Transactional(readOnly = true)
    public List<Country> list(String search, boolean destinationsOnly) {
        String term = search == null || search.isBlank() ? null : search.trim().toLowerCase(Locale.ROOT);
        return codes().values().stream()
                .filter(c -> !destinationsOnly || c.studyDestination())
                .filter(c -> term == null || c.code().equalsIgnoreCase(term)
                        || c.name().toLowerCase(Locale.ROOT).contains(term))
                .sorted(Comparator.comparing(Country::name))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Country> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(codes().get(code.trim().toUpperCase(Locale.ROOT)));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Country> resolve(String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return Optional.empty();
        }
        Map<String, Country> codes = codes();
        String key = codeOrName.replace(".", "").trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        String alias = ALIASES.get(key);
        if (alias != null) {
            return find(alias);
        }
        Country byIsoCode = key.length() == 2 ? codes.get(key.toUpperCase(Locale.ROOT)) : null;
        return Optional.ofNullable(byIsoCode != null ? byIsoCode : byName.get(key));
    }

    private Map<String, Country> codes() {
        if (byCode == null) {
            load();
        }
        return byCode;
    }

    private synchronized void load() {
        if (byCode != null) {
            return;
        }
        Map<String, Country> codes = new LinkedHashMap<>();
        Map<String, Country> names = new LinkedHashMap<>();
        db.selectFrom(COUNTRIES).orderBy(COUNTRIES.CODE).forEach(r -> {
            Country country = new Country(r.getCode(), r.getName(), r.getPhoneCode(), r.getCurrency(),
                    r.getStudyDestination());
            codes.put(country.code(), country);
            names.put(country.name().toLowerCase(Locale.ROOT), country);
        });
        byName = Map.copyOf(names);
        byCode = Map.copyOf(codes);
    }
}
