package dropbridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PtengineSandboxTest {

    private final PtengineSandbox sandbox = new PtengineSandbox("key", 2, "refused-by-sandbox", new SandboxFaults(0, 0),
            Clock.fixed(Instant.ofEpochSecond(1684155980), ZoneOffset.UTC));

    @Test
    void acceptsTheDocumentedRequestAndUpserts() {
        SandboxAnswer answer = post("Bearer key", "{\"field_name\":[\"user_id\",\"plan\"],\"values\":[[\"u1\",\"gold\"]]}");
        post("Bearer key", "{\"field_name\":[\"city\",\"user_id\"],\"values\":[[\"Paris\",\"u1\"]]}");

        assertEquals(new SandboxAnswer(200, "{\"msg\":\"Success\",\"timestamp\":1684155980}"), answer);
        assertEquals(Map.of("user_id", "u1", "plan", "gold", "city", "Paris"), sandbox.user("u1").orElseThrow());
    }

    @Test
    void refusesAWrongKey() {
        assertEquals(401, post("Bearer other", "{}").status());
        assertEquals(401, post(null, "{}").status());
    }

    @Test
    void enforcesEveryDocumentedLimit() {
        assertRejected("{\"field_name\":[\"plan\"],\"values\":[[\"gold\"]]}", "must contain user_id");
        assertRejected("{\"field_name\":[\"user_id\"],\"values\":[" + "[\"u\"],".repeat(100) + "[\"u\"]]}", "1 to 100 users");
        assertRejected("{\"field_name\":[\"user_id\",\"n\"],\"values\":[[\"u\",\"" + "x".repeat(129) + "\"]]}", "128");
        assertRejected("{\"field_name\":[\"user_id\",\"" + "n".repeat(51) + "\"],\"values\":[[\"u\",\"v\"]]}", "50 characters");
        assertRejected("{\"field_name\":[\"user_id\",\"n\"],\"values\":[[\"u\"]]}", "one value per field_name");
        assertRejected("{\"field_name\":[\"user_id\"],\"values\":[[1]]}", "strings");
        assertRejected("not json", "JSON object");
    }

    @Test
    void keepsOnlyTheLatestUsersUpToItsLimit() {
        post("Bearer key", "{\"field_name\":[\"user_id\"],\"values\":[[\"a\"],[\"b\"],[\"c\"]]}");

        assertTrue(sandbox.user("a").isEmpty());
        assertTrue(sandbox.user("c").isPresent());
    }

    private void assertRejected(String body, String reason) {
        SandboxAnswer answer = post("Bearer key", body);
        assertEquals(400, answer.status(), body);
        assertTrue(answer.body().contains(reason), answer.body());
    }

    private SandboxAnswer post(String authorization, String body) {
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("authorization", authorization);
        return sandbox.handle(new SandboxRequest("POST", "/sandbox/ptengine/v1/user/profiles", headers, Map.of(), body));
    }
}
