package com.educonsult.crm.catalog;

import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/catalog/countries")
@Tag(name = "Catalogue")
class CountryController {

    private final Countries countries;

    CountryController(Countries countries) {
        this.countries = countries;
    }

    /** The whole list in one answer: it is a fixed reference list of about 250 entries, not paged. */
    @GetMapping
    @RequiresPermission("catalog:read")
    @Operation(summary = "The ISO 3166 countries, by name; optionally searched or only study destinations")
    ApiResponse<List<Country>> list(@RequestParam(required = false) @Size(max = 100) String search,
            @RequestParam(name = "destinations_only", required = false, defaultValue = "false") boolean destinationsOnly) {
        List<Country> list = countries.list(search, destinationsOnly);
        return new ApiResponse<>(true, list, null, Map.of("total", list.size()));
    }

    @GetMapping("/{code}")
    @RequiresPermission("catalog:read")
    @Operation(summary = "One country by its ISO 3166 two-letter code")
    ApiResponse<Country> get(@PathVariable String code) {
        return ApiResponse.ok(countries.find(code).orElseThrow(() -> ApiException.notFound("Country")));
    }
}
