package dropbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Optional;

/**
 * A vendor API simulated inside the application: it journals every request, lets the faults
 * answer first, and otherwise answers as the vendor's page says.
 */
public abstract class SimulatedApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestJournal journal = new RequestJournal();
    private final SandboxFaults faults;

    protected SimulatedApi(SandboxFaults faults) {
        this.faults = faults;
    }

    /** The HTTP method and path the API is served on, below {@code /sandbox}. */
    public abstract String method();

    public abstract String path();

    protected abstract SandboxAnswer simulate(SandboxRequest request);

    public final SandboxAnswer handle(SandboxRequest request) {
        Optional<SandboxAnswer> injected = faults.injected();
        journal.record(request, injected.isPresent());
        return injected.orElseGet(() -> simulate(request));
    }

    public RequestJournal journal() {
        return journal;
    }

    public SandboxFaults faults() {
        return faults;
    }

    /** The request body as JSON, or a missing node when it is absent or not JSON. */
    static JsonNode json(String body) {
        try {
            return body == null ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (Exception notJson) {
            return MissingNode.getInstance();
        }
    }

    /** Forgets requests, stored data and scripted faults. */
    public void reset() {
        journal.clear();
        faults.reset();
    }
}
