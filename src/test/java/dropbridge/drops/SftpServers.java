package dropbridge.drops;

import dropbridge.pipeline.CleanTestData;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * Two SFTP servers (Apache MINA SSHD) on free local ports. The first is in the client's
 * known_hosts; it lets {@value #PASSWORD_USER} in with a password and {@value #KEY_USER} only with
 * the client's key. The second presents a host key the client does not know; the third one other
 * than the client's known_hosts holds for it (a changed host key).
 */
public class SftpServers implements QuarkusTestResourceLifecycleManager {

    public static final String PASSWORD_USER = "alice";
    static final String PASSWORD = "alice-secret";
    static final String KEY_USER = "bob";
    public static final Path ROOT = Path.of("target/sftp-root");
    static final Path UNKNOWN_HOST_ROOT = Path.of("target/sftp-unknown-host");
    static final Path CHANGED_HOST_ROOT = Path.of("target/sftp-changed-host");
    private static final Path CLIENT = Path.of("target/sftp-client");

    private static SshServer trusted;
    private static PublicKey clientPublicKey;
    private SshServer unknown;
    private SshServer changed;

    @Override
    public Map<String, String> start() {
        try {
            CleanTestData.delete(ROOT);
            CleanTestData.delete(UNKNOWN_HOST_ROOT);
            CleanTestData.delete(CHANGED_HOST_ROOT);
            Files.createDirectories(ROOT);
            Files.createDirectories(UNKNOWN_HOST_ROOT);
            Files.createDirectories(CHANGED_HOST_ROOT);
            Files.createDirectories(CLIENT);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair clientKey = generator.generateKeyPair();
            Path privateKey = CLIENT.resolve("id_rsa");
            try (OutputStream out = Files.newOutputStream(privateKey)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "dropbridge test", null, out);
            }
            clientPublicKey = clientKey.getPublic();
            trusted = server(ROOT, CLIENT.resolve("trusted-host-key"), clientKey.getPublic(), 0);
            unknown = server(UNKNOWN_HOST_ROOT, CLIENT.resolve("unknown-host-key"), clientKey.getPublic(), 0);
            changed = server(CHANGED_HOST_ROOT, CLIENT.resolve("changed-host-key"), clientKey.getPublic(), 0);
            Path knownHosts = CLIENT.resolve("known_hosts");
            // the changed server's entry holds another server's key, as after a re-keying or a spoofed address
            Files.writeString(knownHosts, "[127.0.0.1]:" + trusted.getPort() + " " + PublicKeyEntry.toString(hostKey(trusted)) + "\n"
                    + "[127.0.0.1]:" + changed.getPort() + " " + PublicKeyEntry.toString(hostKey(trusted)) + "\n");
            return Map.of(
                    "test.sftp.port", String.valueOf(trusted.getPort()),
                    "test.sftp.unknown-host-port", String.valueOf(unknown.getPort()),
                    "test.sftp.changed-host-port", String.valueOf(changed.getPort()),
                    "dropbridge.sftp.password", PASSWORD,
                    "dropbridge.sftp.private-key-file", privateKey.toAbsolutePath().toString(),
                    "dropbridge.sftp.known-hosts-file", knownHosts.toAbsolutePath().toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the SFTP servers", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (trusted != null) {
                trusted.stop(true);
            }
            if (unknown != null) {
                unknown.stop(true);
            }
            if (changed != null) {
                changed.stop(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes the trusted server away, as an outage would. */
    static void stopTrusted() throws IOException {
        trusted.stop(true);
    }

    /** Brings the trusted server back on its port, with its host key. */
    static void restartTrusted() throws IOException {
        trusted = server(ROOT, CLIENT.resolve("trusted-host-key"), clientPublicKey, trusted.getPort());
    }

    private static SshServer server(Path root, Path hostKeyFile, PublicKey clientKey, int port) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        hostKeys.setAlgorithm(KeyUtils.RSA_ALGORITHM);
        server.setKeyPairProvider(hostKeys);
        server.setPasswordAuthenticator((user, password, session) -> PASSWORD_USER.equals(user) && PASSWORD.equals(password));
        server.setPublickeyAuthenticator((user, key, session) -> KEY_USER.equals(user) && KeyUtils.compareKeys(clientKey, key));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
        server.start();
        return server;
    }

    private static PublicKey hostKey(SshServer server) throws Exception {
        return server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
    }
}
