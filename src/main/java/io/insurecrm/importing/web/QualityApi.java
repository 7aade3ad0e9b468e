package io.insurecrm.importing.web;

import io.insurecrm.importing.DataQuality;
import io.insurecrm.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/quality")
@PreAuthorize("hasAnyRole('ADMIN','ANALYST','COMPLIANCE')")
@Tag(name = "Data quality", description = "Completeness, invalid values, duplicates and orphans, a snapshot per import run")
class QualityApi {

    private final DataQuality quality;

    QualityApi(DataQuality quality) {
        this.quality = quality;
    }

    @Operation(summary = "The latest snapshot")
    @GetMapping
    DataQuality.Snapshot latest() {
        return quality.latest().orElseThrow(() -> NotFoundException.of("quality.none", "latest"));
    }

    @Operation(summary = "The latest snapshots, oldest first")
    @GetMapping("/trend")
    List<DataQuality.Snapshot> trend(@RequestParam(defaultValue = "30") int limit) {
        return quality.trend(limit);
    }

    @Operation(summary = "Measures the book now and stores a snapshot")
    @PostMapping("/snapshots")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    DataQuality.Snapshot take() {
        return quality.take(null);
    }
}
