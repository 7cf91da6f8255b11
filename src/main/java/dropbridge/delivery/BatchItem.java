package dropbridge.delivery;

import dropbridge.record.SourceRecord;

/** A record that passed its API's contract check, with the payload built from it. */
public record BatchItem<T>(SourceRecord source, T payload) {
}
