package dropbridge.delivery;

import dropbridge.mapping.RecordMapping;
import dropbridge.record.ReadOptions;

/** How a drop's files become a pipeline's records: how they are read, then how each record is mapped. */
public record RecordShape(ReadOptions options, RecordMapping mapping) {

    /** UTF-8, commas, no mapping. */
    public static RecordShape plain(int maxRecordChars) {
        return new RecordShape(ReadOptions.defaults(maxRecordChars), RecordMapping.NONE);
    }
}
