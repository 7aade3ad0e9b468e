package io.insurecrm.importing.source;

import java.util.List;

/** Receives a source file's header once, then every data row in order. */
public interface RowSink {

    void header(List<String> header);

    void row(SourceRow row);
}
