package dropbridge.rabbitpre;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.delivery.BatchOutcome;
import dropbridge.delivery.CredentialsException;
import dropbridge.delivery.RetryableApiException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The Rabbitpre {@code orgAccessToken} of the self-built app: fetched with the app id and secret,
 * shared by every request, renewed before it expires (by a margin of at most half its lifetime)
 * and after the API calls it invalid. Concurrent callers wait for a single fetch.
 * Neither the token nor the secret is ever put into a message.
 */
public final class TokenProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_LIFETIME_S = 7200;
    private static final String TOKEN_ENDPOINT = "token-endpoint";

    private final URI tokenUri;
    private final Duration margin;
    private final Clock clock;
    private final HttpClient http;
    private final String fixedToken;
    private String token;
    private Instant renewAt = Instant.MIN;
    private long fetches;

    private TokenProvider(URI tokenUri, Duration margin, Clock clock, String fixedToken) {
        this.tokenUri = tokenUri;
        this.margin = margin;
        this.clock = clock;
        this.fixedToken = fixedToken;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A provider that fetches tokens from {@code tokenUrl} with the app's credentials. */
    public static TokenProvider fetching(String tokenUrl, String appId, String appSecret, Duration margin, Clock clock) {
        String query = "instanceAppid=" + URLEncoder.encode(appId, StandardCharsets.UTF_8)
                + "&instanceSecrect=" + URLEncoder.encode(appSecret, StandardCharsets.UTF_8);
        return new TokenProvider(URI.create(tokenUrl + (tokenUrl.contains("?") ? "&" : "?") + query), margin, clock, null);
    }

    /** A provider that always gives the same token (RABBITPRE_TOKEN). */
    public static TokenProvider fixed(String token) {
        return new TokenProvider(null, Duration.ZERO, Clock.systemUTC(), token);
    }

    /**
     * @throws RetryableApiException the token endpoint cannot be reached or answers a server fault
     *                               (HTTP 408, 429, 5xx): the request is retried like any API call
     * @throws CredentialsException  the app's credentials are refused, or the endpoint gives no token
     */
    public synchronized String token() throws CredentialsException, RetryableApiException, InterruptedException {
        if (fixedToken != null) {
            return fixedToken;
        }
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** The API said this token is invalid or expired: the next call fetches a new one. */
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    /** How many tokens were fetched; for tests and logs. */
    public synchronized long fetches() {
        return fetches;
    }

    private void fetch() throws CredentialsException, RetryableApiException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(tokenUri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RetryableApiException(TOKEN_ENDPOINT, "the Rabbitpre token endpoint cannot be reached: " + BatchOutcome.describe(e));
        }
        int status = response.statusCode();
        if (status == 408 || status == 429 || status >= 500) {
            throw new RetryableApiException(TOKEN_ENDPOINT, "the Rabbitpre token endpoint answered HTTP " + status);
        }
        JsonNode body = parse(response.body());
        String code = body.path("code").asText("");
        if (code.equals("100100")) {
            throw new CredentialsException("Rabbitpre refused the app id or secret (100100: " + body.path("msg").asText()
                    + "); check RABBITPRE_APP_ID and RABBITPRE_APP_SECRET");
        }
        JsonNode data = body.has("orgAccessToken") ? body : body.path("data");
        String fetched = data.path("orgAccessToken").asText("");
        if (response.statusCode() / 100 != 2 || fetched.isEmpty()) {
            throw new CredentialsException("the Rabbitpre token endpoint gave no token (HTTP " + response.statusCode()
                    + ", code " + (code.isEmpty() ? "none" : code) + ": " + body.path("msg").asText("") + ")");
        }
        Instant now = clock.instant();
        Duration lifetime = lifetime(data.path("expire").asLong(DEFAULT_LIFETIME_S), now);
        Duration renewBefore = margin.compareTo(lifetime.dividedBy(2)) < 0 ? margin : lifetime.dividedBy(2);
        token = fetched;
        renewAt = now.plus(lifetime).minus(renewBefore);
        fetches++;
    }

    /** {@code expire} is read as seconds of validity, or as an epoch time in seconds or milliseconds. */
    private static Duration lifetime(long expire, Instant now) {
        if (expire > 1_000_000_000_000L) {
            return Duration.between(now, Instant.ofEpochMilli(expire));
        }
        if (expire > 1_000_000_000L) {
            return Duration.between(now, Instant.ofEpochSecond(expire));
        }
        return Duration.ofSeconds(expire);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null ? "" : body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }
}
