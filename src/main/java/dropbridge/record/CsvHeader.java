package dropbridge.record;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The column names of a CSV header row, trimmed of the spaces around them. A header that names a
 * column twice, or that is one column holding another usual delimiter (the drop is set to the
 * wrong one), makes the file bad.
 */
final class CsvHeader {

    private static final String USUAL_DELIMITERS = ";\t,|";

    private CsvHeader() {
    }

    static List<String> columns(List<String> names, char delimiter) throws BadFileException {
        if (names.isEmpty()) {
            throw new BadFileException("CSV file is empty: it has no header row");
        }
        List<String> columns = names.stream().map(String::strip).toList();
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                throw new BadFileException("CSV header names the column " + column + " twice");
            }
        }
        if (columns.size() == 1) {
            checkDelimiter(columns.get(0), delimiter);
        }
        return columns;
    }

    private static void checkDelimiter(String column, char delimiter) throws BadFileException {
        for (char usual : USUAL_DELIMITERS.toCharArray()) {
            if (usual != delimiter && column.indexOf(usual) >= 0) {
                String shown = column.length() > RecordLimit.SHOWN_CHARS ? column.substring(0, RecordLimit.SHOWN_CHARS) + "..." : column;
                String written = usual == '\t' ? "\\t" : String.valueOf(usual);
                throw new BadFileException("the CSV header has one column, `" + shown + "`, holding `" + written
                        + "`: set `delimiter: \"" + written + "\"` on the drop");
            }
        }
    }
}
