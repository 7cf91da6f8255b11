package dropbridge.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * An answer that says "try again later" (rate limit, server fault): Camel redelivers the request;
 * {@code retryAfter}, when the answer said when ({@code Retry-After}), holds the pipeline's requests until then.
 */
public class RetryableApiException extends Exception {

    private final String code;
    private final Duration retryAfter;

    public RetryableApiException(String code, String message) {
        this(code, message, Optional.empty());
    }

    public RetryableApiException(String code, String message, Optional<Duration> retryAfter) {
        super(retryAfter.map(wait -> message + " (Retry-After: " + wait.toMillis() + " ms)").orElse(message));
        this.code = code;
        this.retryAfter = retryAfter.orElse(null);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public String code() {
        return code;
    }
}
