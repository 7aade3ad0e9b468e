package io.insurecrm.importing.source;

import java.util.List;

/**
 * One data row of a source file: its number as a spreadsheet counts (the header is row 1) and its cells in
 * column order, blanks as empty strings.
 */
public record SourceRow(int rowNumber, List<String> cells) {

    public String cell(int column) {
        return column < cells.size() ? cells.get(column) : "";
    }
}
