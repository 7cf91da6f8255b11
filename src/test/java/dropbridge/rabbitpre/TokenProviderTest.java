package dropbridge.rabbitpre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dropbridge.MovingClock;
import dropbridge.delivery.CredentialsException;
import dropbridge.delivery.RetryableApiException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token provider against a real HTTP stub of the token endpoint. */
class TokenProviderTest {

    private HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String answer = "{\"code\":\"200\",\"data\":{\"orgAccessToken\":\"T%d\",\"expire\":7200}}";
    private volatile String lastQuery;
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-22T00:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            lastQuery = exchange.getRequestURI().getRawQuery();
            byte[] body = String.format(answer, fetches.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            sleep(50);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void concurrentCallersShareOneFetchAndTheVendorSpellingIsUsed() throws Exception {
        TokenProvider tokens = provider();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(callers.submit(tokens::token));
        }
        for (Future<String> result : results) {
            assertEquals("T1", result.get());
        }
        callers.shutdown();
        assertEquals(1, fetches.get());
        assertEquals("instanceAppid=app+1&instanceSecrect=s%26cret", lastQuery);
    }

    @Test
    void renewsBeforeExpiryAndAfterTheApiRefusesTheToken() throws Exception {
        TokenProvider tokens = provider();
        assertEquals("T1", tokens.token());
        clock.advance(Duration.ofSeconds(7200 - 301));
        assertEquals("T1", tokens.token());
        clock.advance(Duration.ofSeconds(2));
        assertEquals("T2", tokens.token(), "renewed 300 s before expiry");
        tokens.invalidate("T1");
        assertEquals("T2", tokens.token(), "an old token's refusal does not drop the new one");
        tokens.invalidate("T2");
        assertEquals("T3", tokens.token());
    }

    @Test
    void wrongCredentialsAndBrokenEndpointsAreCredentialFailuresWithoutTheSecretAndAnEndpointDownIsTransient() {
        answer = "{\"code\":\"100100\",\"msg\":\"appid or secret error\"}";
        CredentialsException refused = assertThrows(CredentialsException.class, () -> provider().token());
        assertTrue(refused.getMessage().contains("RABBITPRE_APP_SECRET"));
        answer = "<html>bad gateway</html>";
        CredentialsException broken = assertThrows(CredentialsException.class, () -> provider().token());
        assertFalse(broken.getMessage().contains("s&cret") || broken.getMessage().contains("s%26cret"), broken.getMessage());
        server.stop(0);
        RetryableApiException down = assertThrows(RetryableApiException.class, () -> provider().token());
        assertTrue(down.getMessage().contains("cannot be reached"), down.getMessage());
        assertFalse(down.getMessage().contains("s&cret") || down.getMessage().contains("s%26cret"), down.getMessage());
    }

    private TokenProvider provider() {
        return TokenProvider.fetching("http://127.0.0.1:" + server.getAddress().getPort() + "/token", "app 1", "s&cret",
                Duration.ofSeconds(300), clock);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
