package io.insurecrm.importing.source;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Streams the first sheet of an XLSX workbook with POI's SAX reader: rows are pushed one at a time, never the whole
 * sheet in memory (the shared-strings table is). Cells are the values as Excel formats them.
 */
final class XlsxSource {

    int read(Path file, RowSink sink) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new SourceFileException("import.file.empty", null);
            }
            Rows rows = new Rows(sink);
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new DataFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
            if (!rows.headerSeen) {
                throw new SourceFileException("import.file.empty", null);
            }
            return rows.count;
        } catch (SourceFileException e) {
            throw e;
        } catch (Exception e) {
            if (e.getCause() instanceof SourceFileException cause) {
                throw cause;
            }
            throw new SourceFileException("import.file.badXlsx", e.getClass().getSimpleName(), e);
        }
    }

    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final RowSink sink;
        private final List<String> cells = new ArrayList<>();
        private boolean headerSeen;
        private int count;

        Rows(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().allMatch(String::isBlank)) {
                return;
            }
            if (!headerSeen) {
                headerSeen = true;
                sink.header(List.copyOf(cells));
            } else {
                count++;
                sink.row(new SourceRow(rowNum + 1, List.copyOf(cells)));
            }
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(formattedValue == null ? "" : formattedValue);
        }

        @Override
        public void headerFooter(String text, boolean isHeader, String tagName) {
        }
    }
}
