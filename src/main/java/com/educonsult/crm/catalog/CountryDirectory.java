package com.educonsult.crm.catalog;

import java.util.Optional;

/** Countries for other modules. The list is global and does not change while the server runs. */
public interface CountryDirectory {

    /** The country of an ISO code, in any case. */
    Optional<Country> find(String code);

    /**
     * The country a person meant by a code or a name as people write it ("uk", "United Kingdom", "USA",
     * "U.S.", "England"), ignoring case and dots.
     */
    Optional<Country> resolve(String codeOrName);
}
