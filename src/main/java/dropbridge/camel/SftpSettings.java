package dropbridge.camel;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How the SFTP drops reach their servers ({@code dropbridge.sftp.*}), for what the drops do beside Camel's own consumer. */
@Singleton
class SftpSettings {

    private final Optional<String> password;
    private final Optional<String> privateKeyFile;
    private final String knownHostsFile;
    private final String strictHostKeyChecking;
    private final int connectTimeoutMs;

    SftpSettings(@ConfigProperty(name = "dropbridge.sftp.password") Optional<String> password,
            @ConfigProperty(name = "dropbridge.sftp.private-key-file") Optional<String> privateKeyFile,
            @ConfigProperty(name = "dropbridge.sftp.known-hosts-file") String knownHostsFile,
            @ConfigProperty(name = "dropbridge.sftp.strict-host-key-checking") String strictHostKeyChecking,
            @ConfigProperty(name = "dropbridge.sftp.connect-timeout-ms") int connectTimeoutMs) {
        this.password = password;
        this.privateKeyFile = privateKeyFile;
        this.knownHostsFile = knownHostsFile;
        this.strictHostKeyChecking = strictHostKeyChecking;
        this.connectTimeoutMs = connectTimeoutMs;
    }

    /** The drop's server, {@code user@host:port}, with these settings. */
    SftpCheckpointStore.Server server(String server) {
        return SftpCheckpointStore.Server.parse(server, password.orElse(null), privateKeyFile.orElse(null), knownHostsFile,
                strictHostKeyChecking, connectTimeoutMs);
    }
}
