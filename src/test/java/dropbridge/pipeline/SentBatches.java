package dropbridge.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.sandbox.SandboxRequest;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** What a simulated API was sent, in the terms the tests compare. */
final class SentBatches {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SentBatches() {
    }

    /**
     * The sizes of the array {@code field} in each request's body, largest first (batches travel in
     * parallel, so the peer sees them in any order), e.g. {@code "100,100,50"}.
     */
    static String sizes(List<SandboxRequest> requests, String field) {
        return requests.stream()
                .map(request -> {
                    try {
                        return JSON.readTree(request.body()).get(field).size();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                })
                .sorted(Comparator.reverseOrder())
                .map(String::valueOf)
                .collect(Collectors.joining(","));
    }
}
