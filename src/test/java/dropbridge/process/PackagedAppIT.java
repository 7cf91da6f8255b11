package dropbridge.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The process harness itself: the packaged jar starts, answers its probes, and a kill ends it at once. */
class PackagedAppIT {

    @Test
    void startsAnswersAndDiesOnKill() {
        int port = Ports.free();
        Map<String, String> env = new HashMap<>(PackagedApp.sandboxApis(port));
        env.put("DROPBRIDGE_DATA_DIR", "target/it/harness");
        try (PackagedApp app = PackagedApp.start("harness", port, env)) {
            app.awaitReady(Duration.ofSeconds(60));
            assertEquals(200, app.get("/q/health/live").orElseThrow().statusCode());
            assertTrue(app.logText().contains("started in"), app.logTail(20));

            app.kill();

            assertFalse(app.isAlive());
            assertTrue(app.get("/q/health/live").isEmpty(), "nothing answers on the port after the kill");
        }
    }
}
