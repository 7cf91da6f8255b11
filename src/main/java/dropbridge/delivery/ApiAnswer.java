package dropbridge.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An API's HTTP answer: status code and body, with the body parsed as JSON where it is JSON,
 * and its headers with those the request was sent with (a token that was refused must be known as the one sent).
 */
public record ApiAnswer(int status, String body, UnaryOperator<String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT_LENGTH = 300;

    public ApiAnswer(int status, String body) {
        this(status, body, name -> null);
    }

    /** The value of a header the answer or the request it answers carried, or null. */
    public String header(String name) {
        return headers.apply(name);
    }

    /** How long the answer asks to wait before the next request ({@code Retry-After}), if it says. */
    public Optional<Duration> retryAfter() {
        return RetryAfter.parse(header("Retry-After"), Instant.now());
    }

    /** The body as JSON, or a missing node when it is empty or not JSON. */
    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (Exception notJson) {
            return MissingNode.getInstance();
        }
    }

    /** The body's text field {@code field}, else the start of the raw body, for error reasons. */
    public String message(String field) {
        JsonNode value = json().path(field);
        if (value.isValueNode()) {
            return value.asText();
        }
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        return body.length() <= EXCERPT_LENGTH ? body : body.substring(0, EXCERPT_LENGTH) + "...";
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** 408, 429 and every 5xx: the same request may succeed later. */
    public boolean isTransientFailure() {
        return status == 408 || status == 429 || status >= 500;
    }

    /** 401 and 403: the credentials are wrong or lack permission; every other batch would fail too. */
    public boolean isCredentialFailure() {
        return status == 401 || status == 403;
    }
}
