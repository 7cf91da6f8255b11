package dropbridge.sandbox;

import java.util.Map;

/** An answer of a simulated API: HTTP status, JSON body and any headers besides Content-Type. */
public record SandboxAnswer(int status, String body, Map<String, String> headers) {

    public SandboxAnswer(int status, String body) {
        this(status, body, Map.of());
    }
}
