package dropbridge.delivery;

import java.util.Optional;
import java.util.Set;

/**
 * The reading of an HTTP failure status that every API shares: 408, 429 and 5xx are retried;
 * 401, 403 and 404 mean that no batch can succeed (wrong key, missing permission, wrong URL),
 * so the file stops; 400, 413 and 422 refuse the request for its content, which can be one record's
 * (see {@link BatchOutcome#refused()}); any other 4xx fails the batch's records with the API's own message.
 */
public final class HttpFailures {

    private static final Set<Integer> CONTENT_REFUSED = Set.of(400, 413, 422);

    private HttpFailures() {
    }

    /**
     * @param api         the API's name for reasons, e.g. "Ptengine"
     * @param message     the API's own explanation taken from the answer body
     * @param credentials what to check when the credentials are refused, e.g. "PTENGINE_API_KEY"
     * @param url         what to check when the endpoint is not found
     * @return the outcome for a failure status, empty for a 2xx answer
     */
    public static Optional<BatchOutcome> classify(String api, ApiAnswer answer, Batch<?> batch, String message,
            String credentials, String url) throws RetryableApiException {
        int status = answer.status();
        String code = "http-" + status;
        if (answer.isSuccess()) {
            return Optional.empty();
        }
        if (answer.isTransientFailure()) {
            throw new RetryableApiException(code, api + " answered HTTP " + status + ": " + message, answer.retryAfter());
        }
        if (answer.isCredentialFailure()) {
            return Optional.of(BatchOutcome.stopFile(batch, code,
                    api + " refused the credentials (HTTP " + status + ": " + message + "); check " + credentials));
        }
        if (status == 404) {
            return Optional.of(BatchOutcome.stopFile(batch, code,
                    api + " answered HTTP 404 (" + message + "); check the endpoint URL " + url));
        }
        String reason = api + " rejected the request (HTTP " + status + "): " + message;
        if (CONTENT_REFUSED.contains(status)) {
            return Optional.of(BatchOutcome.refused(batch, code, reason));
        }
        return Optional.of(BatchOutcome.allFailed(batch, code, reason));
    }
}
