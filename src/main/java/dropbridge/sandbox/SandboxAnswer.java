package dropbridge.sandbox;

/** An answer of a simulated API: HTTP status and JSON body. */
public record SandboxAnswer(int status, String body) {
}
