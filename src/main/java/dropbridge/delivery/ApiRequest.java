package dropbridge.delivery;

import java.util.Map;

/**
 * One HTTP request to an API. Header values may hold credentials: they go on the wire only,
 * never into logs, sinks or reports.
 */
public record ApiRequest(String body, Map<String, String> headers) {
}
