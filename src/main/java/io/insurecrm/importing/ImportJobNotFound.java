package io.insurecrm.importing;

import io.insurecrm.platform.web.NotFoundException;

/** No such import job, or one the caller may not see (another branch's). */
public class ImportJobNotFound extends NotFoundException {

    private ImportJobNotFound(long id) {
        super("import.job.notFound", id);
    }

    public static ImportJobNotFound withId(long id) {
        return new ImportJobNotFound(id);
    }
}
