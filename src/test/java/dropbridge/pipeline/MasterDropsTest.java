package dropbridge.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.drops.S3ProxyServer;
import dropbridge.drops.SftpServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.master.MasterEndpoint;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every drop consumes through {@code master:<namespace>:<endpoint>}: the endpoint's parameters
 * written in YAML reach the drop's own endpoint, and with the default cluster service (none) this
 * single process leads every namespace, which /q/health and the gauge dropbridge_leader show.
 */
@QuarkusTest
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = S3ProxyServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SftpServers.class, restrictToAnnotatedClass = false)
class MasterDropsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CamelContext camel;

    @Test
    void aLocalDropsParametersReachTheFileConsumer() {
        FileEndpoint file = assertInstanceOf(FileEndpoint.class, delegate("ptengine-profiles-local-drop", "ptengine-profiles"));

        assertTrue(file.getFile().toString().endsWith("inbox/ptengine-profiles"), file.getFile().toString());
        assertSettled(file);
        assertEquals("changed", file.getReadLock());
        assertEquals(0L, file.getReadLockMinAge(), "the test profile's dropbridge.drop.min-age-ms");
        assertEquals(50L, file.getReadLockCheckInterval());
        assertEquals(".*\\.(part|tmp|filepart)$", file.getExclude());
        assertEquals("DropFileFilter", file.getFilter().getClass().getSimpleName().replaceAll("_.*", ""));
        assertEquals(100L, file.getDelay());
    }

    @Test
    void anSftpDropsParametersReachTheSftpConsumerWithThePasswordUnchanged() {
        SftpEndpoint sftp = assertInstanceOf(SftpEndpoint.class, delegate("test-sftp-password-drop", "ptengine-profiles"));

        String password = ConfigProvider.getConfig().getValue("dropbridge.sftp.password", String.class);
        assertTrue(password.length() > 3);
        assertEquals(password, sftp.getConfiguration().getPassword(), "RAW(...) passed through master: as written");
        assertEquals("yes", sftp.getConfiguration().getStrictHostKeyChecking());
        assertTrue(sftp.getConfiguration().isStreamDownload());
        assertTrue(sftp.getConfiguration().isThrowExceptionOnConnectFailed());
        assertSettled(sftp);
        assertTrue(sftp.getPollStrategy().getClass().getSimpleName().startsWith("SftpPolls"), sftp.getPollStrategy().getClass().getName());
    }

    @Test
    void anS3DropsParametersReachTheS3Consumer() {
        AWS2S3Endpoint s3 = assertInstanceOf(AWS2S3Endpoint.class, delegate("test-s3-drop", "ptengine-profiles"));

        assertEquals("drops", s3.getConfiguration().getBucketName());
        assertEquals("inbox/ptengine-profiles/", s3.getConfiguration().getPrefix());
        assertEquals(false, s3.getConfiguration().isIncludeFolders());
        assertEquals(false, s3.getConfiguration().isDeleteAfterRead());
        assertEquals(1, s3.getMaxMessagesPerPoll());
        assertEquals(100L, s3.getDelay());
    }

    @Test
    void theOnlyProcessLeadsEveryNamespaceAndSaysSo() throws Exception {
        JsonNode cluster = await().atMost(Duration.ofSeconds(10)).until(() -> check(readiness(), "cluster"),
                node -> node.at("/data/leads").asText().contains("engagelab-profile-query"));
        assertEquals("none", cluster.at("/data/service").asText());
        assertEquals("UP", cluster.path("status").asText());
        assertEquals("", cluster.at("/data/standby").asText());
        assertEquals("engagelab-profile-query,ptengine-profiles,rabbitpre-events", cluster.at("/data/leads").asText());

        JsonNode drop = check(readiness(), "ptengine-profiles-local-drop");
        assertEquals("ptengine-profiles", drop.at("/data/namespace").asText());
        assertTrue(drop.at("/data/leader").asBoolean());

        assertEquals(List.of("cluster"), names(get("/q/health/group/cluster")), "the Kubernetes readiness probe: the cluster check alone");

        String metrics = ProgressReportTest.metrics();
        for (String namespace : new String[] {"engagelab-profile-query", "ptengine-profiles", "rabbitpre-events"}) {
            assertTrue(metrics.contains("dropbridge_leader{cluster_namespace=\"" + namespace + "\"} 1.0"), namespace + " in\n" + metrics);
        }
    }

    private <T extends ScheduledPollEndpoint> T delegate(String routeId, String namespace) {
        MasterEndpoint master = assertInstanceOf(MasterEndpoint.class, camel.getRoute(routeId).getEndpoint());
        assertEquals(namespace, master.getNamespace());
        @SuppressWarnings("unchecked")
        T endpoint = (T) master.getEndpoint();
        return endpoint;
    }

    private static void assertSettled(GenericFileEndpoint<?> endpoint) {
        assertEquals("${file:parent}/.done/${file:onlyname}", endpoint.getMove().toString());
        assertEquals("${file:parent}/.failed/${file:onlyname}", endpoint.getMoveFailed().toString());
        assertEquals(1, endpoint.getMaxMessagesPerPoll());
    }

    private static JsonNode check(String health, String name) throws IOException {
        for (JsonNode check : JSON.readTree(health).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    private static List<String> names(String health) throws IOException {
        List<String> names = new ArrayList<>();
        JSON.readTree(health).path("checks").forEach(check -> names.add(check.path("name").asText()));
        return names;
    }

    private static String readiness() throws IOException, InterruptedException {
        return get("/q/health/ready");
    }

    private static String get(String path) throws IOException, InterruptedException {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
