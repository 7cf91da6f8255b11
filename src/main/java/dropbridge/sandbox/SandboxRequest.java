package dropbridge.sandbox;

import java.util.Map;

/** A request as a simulated API sees it. Header names are lower case. */
public record SandboxRequest(String method, String path, Map<String, String> headers, Map<String, String> query, String body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
