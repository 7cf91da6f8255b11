package dropbridge.drops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dropbridge.pipeline.Drops;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** An S3 server (S3Proxy over an in-memory blob store) on a free local port, for S3 drops and sinks. */
public class S3ProxyServer implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "drops";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCESS_KEY = "test-access";
    private static final String SECRET_KEY = "test-secret";
    private static volatile URI endpoint;
    private S3Proxy proxy;

    @Override
    public Map<String, String> start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            endpoint = URI.create("http://127.0.0.1:" + port);
            BlobStoreContext store = ContextBuilder.newBuilder("transient")
                    .credentials(ACCESS_KEY, SECRET_KEY)
                    .overrides(new Properties())
                    .build(BlobStoreContext.class);
            proxy = S3Proxy.builder()
                    .blobStore(store.getBlobStore())
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .endpoint(endpoint)
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            store.getBlobStore().createContainerInLocation(null, BUCKET);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
        return Map.of(
                "camel.component.aws2-s3.override-endpoint", "true",
                "camel.component.aws2-s3.uri-endpoint-override", endpoint.toString(),
                "camel.component.aws2-s3.force-path-style", "true",
                "camel.component.aws2-s3.use-default-credentials-provider", "false",
                "camel.component.aws2-s3.access-key", ACCESS_KEY,
                "camel.component.aws2-s3.secret-key", SECRET_KEY,
                "camel.component.aws2-s3.region", "us-east-1");
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the report under the key says how its file ended (not IN_PROGRESS), and returns it. */
    static JsonNode awaitFinalReport(S3Client s3, String key) {
        AtomicReference<JsonNode> report = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                report.set(JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()));
                return Drops.isFinal(report.get());
            } catch (NoSuchKeyException missing) {
                return false;
            }
        });
        return report.get();
    }

    /** A plain S3 client of the test's own, to drop objects and read what the application wrote. */
    public static S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}
