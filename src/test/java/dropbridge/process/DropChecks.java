package dropbridge.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A drop's readiness check in a packaged application's {@code /q/health/ready}, read once or sampled over time. */
public final class DropChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DropChecks() {
    }

    /** The drop's check as the process answers now; a missing node while the process does not answer. */
    public static JsonNode now(PackagedApp app, String drop) {
        String health = app.get("/q/health/ready").map(answer -> answer.body()).orElse("");
        if (health.isEmpty()) {
            return JSON.missingNode();
        }
        try {
            for (JsonNode check : JSON.readTree(health).path("checks")) {
                if (drop.equals(check.path("name").asText())) {
                    return check;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JSON.missingNode();
    }

    /**
     * The drop's status (UP or DOWN, with the reason when DOWN) every 20 ms, from now until
     * {@code until} is true and {@code after} longer; answers of a process not listening yet are left out.
     */
    public static List<String> sample(PackagedApp app, String drop, BooleanSupplier until, Duration after, Duration atMost) {
        List<String> states = new ArrayList<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        long end = Long.MAX_VALUE;
        while (System.nanoTime() < Math.min(end, deadline)) {
            JsonNode check = now(app, drop);
            if (!check.isMissingNode()) {
                String status = check.path("status").asText();
                states.add("UP".equals(status) ? status : status + " (" + check.at("/data/reason").asText() + ")");
            }
            if (end == Long.MAX_VALUE && until.getAsBoolean()) {
                end = System.nanoTime() + after.toNanos();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return states;
    }

    /** Whether the states go DOWN again after they were UP. */
    public static boolean downAfterUp(List<String> states) {
        int up = states.indexOf("UP");
        return up >= 0 && states.subList(up, states.size()).stream().anyMatch(state -> state.startsWith("DOWN"));
    }
}
