package dropbridge.delivery;

/**
 * Turns a dropped file's name or object key, which comes from outside, into one safe file name:
 * no folder separators, no control characters, no leading dot, so an outcome file can never
 * land outside its folder or hide.
 */
public final class OutcomeName {

    private static final int MAX_LENGTH = 200;

    private OutcomeName() {
    }

    public static String of(String source) {
        StringBuilder name = new StringBuilder(source.length());
        source.codePoints().forEach(c -> {
            boolean unsafe = c == '/' || c == '\\' || c == ':' || Character.isISOControl(c)
                    || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|';
            name.appendCodePoint(unsafe ? '_' : c);
        });
        String safe = name.toString().strip();
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "_" + safe;
        }
        return safe.length() <= MAX_LENGTH ? safe : safe.substring(0, MAX_LENGTH);
    }
}
