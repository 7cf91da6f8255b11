package dropbridge.record;

/** The most characters one record may hold, so that a single hostile record cannot exhaust memory. */
record RecordLimit(int maxChars) {

    /** How much of an over-long record its error outcome shows. */
    static final int SHOWN_CHARS = 200;

    RecordLimit {
        if (maxChars < 1) {
            throw new IllegalArgumentException("the maximum record size must be at least 1 character, not " + maxChars);
        }
    }

    /** @param beginning the record's first {@link #SHOWN_CHARS} characters */
    ReadResult tooLong(long line, String beginning) {
        return ReadResult.unreadable(line, beginning + "...", "record longer than " + maxChars + " characters");
    }
}
