package dropbridge.delivery;

/** An answer that says "try again later" (rate limit, server fault): Camel redelivers the request. */
public class RetryableApiException extends Exception {

    private final String code;

    public RetryableApiException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
