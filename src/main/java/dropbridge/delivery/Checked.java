package dropbridge.delivery;

/** The result of checking one record against an API's contract: a payload to send, or why not. */
public record Checked<T>(T payload, String code, String reason) {

    public static <T> Checked<T> ok(T payload) {
        return new Checked<>(payload, null, null);
    }

    public static <T> Checked<T> rejected(String code, String reason) {
        return new Checked<>(null, code, reason);
    }

    public boolean passed() {
        return payload != null;
    }
}
