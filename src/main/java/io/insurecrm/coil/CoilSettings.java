package io.insurecrm.coil;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the CoIL 2000 files are ({@code crm.coil.dir}, default ../shared/data/coil2000). */
@ConfigurationProperties("crm.coil")
public record CoilSettings(@DefaultValue("../shared/data/coil2000") String dir) {

    /** The folder as a path (bound as text: Spring's Path conversion treats "../x" as a resource and fails in a jar). */
    public Path folder() {
        return Path.of(dir);
    }
}
