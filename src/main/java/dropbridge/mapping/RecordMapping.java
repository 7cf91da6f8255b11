package dropbridge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dropbridge.record.BadFileException;
import dropbridge.record.SourceRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a team's export becomes a pipeline's input (one {@code routes/mappings/<name>.yaml}): which
 * of the file's columns (or JSON keys) the pipeline receives under which of its own input names,
 * values that are the same for every record, whether empty values are sent, and which records
 * are deliberately skipped. Applied record by record while the file streams; {@link #NONE} passes
 * every record on as it was read.
 */
public final class RecordMapping {

    /** No mapping: the file's columns are the pipeline's input names, empty values are sent. */
    public static final RecordMapping NONE = new RecordMapping(null, Map.of(), Map.of(), false, true, List.of());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String name;
    /** The pipeline's input name, and the file's column it is read from. */
    private final Map<String, String> fields;
    private final Map<String, TextNode> constants;
    private final boolean omitEmpty;
    private final boolean keepOtherColumns;
    private final List<SkipRule> skip;
    private final Set<String> mappedColumns;

    RecordMapping(String name, Map<String, String> fields, Map<String, String> constants, boolean omitEmpty, boolean keepOtherColumns,
            List<SkipRule> skip) {
        this.name = name;
        this.fields = new LinkedHashMap<>(fields);
        this.constants = new LinkedHashMap<>();
        constants.forEach((field, value) -> this.constants.put(field, TextNode.valueOf(value)));
        this.omitEmpty = omitEmpty;
        this.keepOtherColumns = keepOtherColumns;
        this.skip = List.copyOf(skip);
        this.mappedColumns = Set.copyOf(fields.values());
    }

    /** The mapping's name (its file's, without {@code .yaml}); null for {@link #NONE}. */
    public String name() {
        return name;
    }

    /**
     * Checks a CSV file's header before any record is read: it must hold every column the mapping
     * reads, and the mapped records must have the column the pipeline requires.
     *
     * @param required the pipeline's required input column (such as {@code user_id}); null when none
     */
    public void checkHeader(List<String> header, String required) throws BadFileException {
        if (this == NONE) {
            if (required != null && !header.contains(required)) {
                throw new BadFileException("CSV header has no " + required + " column (columns: " + String.join(", ", header) + ")");
            }
            return;
        }
        for (String column : readColumns()) {
            if (!header.contains(column)) {
                throw new BadFileException("the file has no column '" + column + "', which mapping " + name + " reads (columns: "
                        + String.join(", ", header) + ")");
            }
        }
        if (required != null && !outputNames(header).contains(required)) {
            throw new BadFileException("mapping " + name + " gives the records no " + required + ", which the pipeline requires: map a column to "
                    + required + " under fields");
        }
    }

    /** Why the record is skipped, by the first skip rule it meets; null when it is to be sent. */
    public String skipReason(SourceRecord record) {
        for (SkipRule rule : skip) {
            if (rule.applies(record.fields().get(rule.column()))) {
                return rule.reason();
            }
        }
        return null;
    }

    /** The record as the pipeline receives it, on the same line of the dropped file. */
    public SourceRecord map(SourceRecord record) {
        if (this == NONE) {
            return record;
        }
        ObjectNode read = record.fields();
        ObjectNode mapped = NODES.objectNode();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            put(mapped, field.getKey(), read.get(field.getValue()));
        }
        mapped.setAll(constants);
        if (keepOtherColumns) {
            for (Iterator<Map.Entry<String, JsonNode>> it = read.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> column = it.next();
                if (!mappedColumns.contains(column.getKey()) && !mapped.has(column.getKey())) {
                    put(mapped, column.getKey(), column.getValue());
                }
            }
        }
        return record.withFields(mapped);
    }

    private void put(ObjectNode mapped, String field, JsonNode value) {
        if (value == null || omitEmpty && isEmpty(value)) {
            return;
        }
        mapped.set(field, value);
    }

    private static boolean isEmpty(JsonNode value) {
        return value.isNull() || value.isTextual() && value.textValue().isBlank();
    }

    private Collection<String> readColumns() {
        Set<String> columns = new LinkedHashSet<>(fields.values());
        skip.forEach(rule -> columns.add(rule.column()));
        return columns;
    }

    private Set<String> outputNames(List<String> header) {
        Set<String> names = new LinkedHashSet<>(fields.keySet());
        names.addAll(constants.keySet());
        if (keepOtherColumns) {
            List<String> others = new ArrayList<>(header);
            others.removeAll(mappedColumns);
            names.addAll(others);
        }
        return names;
    }
}
