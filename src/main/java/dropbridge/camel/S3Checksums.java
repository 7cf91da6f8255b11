package dropbridge.camel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The AWS SDK's checksums for every S3 drop and sink, set before any S3 client is built. The
 * SDK's own default adds CRC checksums to every upload, which many S3-compatible stores refuse
 * ("The provided 'x-amz-content-sha256' header does not match what was computed"); Camel's
 * aws2-s3 has no option for it, so the SDK's system properties carry the setting.
 */
@ApplicationScoped
class S3Checksums {

    private static final Set<String> VALUES = Set.of("when_required", "when_supported");

    void apply(@Observes BeforeConfigure beforeRoutes,
            @ConfigProperty(name = "dropbridge.s3.request-checksum-calculation") String request,
            @ConfigProperty(name = "dropbridge.s3.response-checksum-validation") String response) {
        System.setProperty("aws.requestChecksumCalculation", checked("dropbridge.s3.request-checksum-calculation", request));
        System.setProperty("aws.responseChecksumValidation", checked("dropbridge.s3.response-checksum-validation", response));
    }

    private static String checked(String key, String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (!VALUES.contains(normalized)) {
            throw new IllegalArgumentException(key + " is '" + value + "'; it takes when_required or when_supported");
        }
        return normalized;
    }
}
