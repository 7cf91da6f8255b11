package dropbridge.camel;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import dropbridge.checkpoint.CheckpointStore;
import dropbridge.checkpoint.FileRegion;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Vector;

/**
 * A file's checkpoint as the files of a folder on the SFTP server of its drop, reached with the
 * drop's own connection settings ({@code dropbridge.sftp.*}); one SSH session per operation, as
 * a checkpoint is written every few seconds at most.
 */
final class SftpCheckpointStore implements CheckpointStore {

    /** How the drop's server is reached: user@host:port and the settings of application.properties. */
    record Server(String user, String host, int port, String password, String privateKeyFile, String knownHostsFile,
            String strictHostKeyChecking, int connectTimeoutMs) {

        static Server parse(String server, String password, String privateKeyFile, String knownHostsFile,
                String strictHostKeyChecking, int connectTimeoutMs) {
            int at = server.indexOf('@');
            int colon = server.lastIndexOf(':');
            String host = colon > at ? server.substring(at + 1, colon) : server.substring(at + 1);
            int port = colon > at ? Integer.parseInt(server.substring(colon + 1)) : 22;
            return new Server(server.substring(0, at), host, port, password, privateKeyFile, knownHostsFile,
                    strictHostKeyChecking, connectTimeoutMs);
        }
    }

    private final Server server;
    private final String folder;

    /** {@code folder} is relative to the login's home unless it starts with a slash, as the drop's own. */
    SftpCheckpointStore(Server server, String folder) {
        this.server = server;
        this.folder = folder.endsWith("/") ? folder : folder + "/";
    }

    @Override
    public void put(String name, Path file, long offset, long length) throws IOException {
        try (InputStream region = FileRegion.open(file, offset, length)) {
            put(name, region);
        }
    }

    @Override
    public void put(String name, byte[] content) throws IOException {
        put(name, new java.io.ByteArrayInputStream(content));
    }

    private void put(String name, InputStream content) throws IOException {
        Connection connection = connect();
        try {
            makeFolders(connection.sftp(), folder + name);
            connection.sftp().put(content, folder + name + ".part");
            connection.sftp().rename(folder + name + ".part", folder + name);
        } catch (SftpException e) {
            if (e.id != ChannelSftp.SSH_FX_FAILURE) {
                throw new IOException("cannot write " + describe() + name + ": " + e.getMessage(), e);
            }
            // a server that does not rename over an existing file: remove it first
            rename(connection.sftp(), folder + name + ".part", folder + name);
        } finally {
            connection.close();
        }
    }

    @Override
    public Optional<InputStream> get(String name) throws IOException {
        Connection connection = connect();
        try {
            InputStream content = connection.sftp().get(folder + name);
            return Optional.of(new FilterInputStream(content) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        connection.close();
                    }
                }
            });
        } catch (SftpException e) {
            connection.close();
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return Optional.empty();
            }
            throw new IOException("cannot read " + describe() + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteAll() throws IOException {
        Connection connection = connect();
        try {
            delete(connection.sftp(), folder.substring(0, folder.length() - 1));
        } catch (SftpException e) {
            if (e.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                throw new IOException("cannot remove " + describe() + ": " + e.getMessage(), e);
            }
        } finally {
            connection.close();
        }
    }

    @Override
    public String describe() {
        return "sftp://" + server.user() + "@" + server.host() + ":" + server.port() + "/" + folder;
    }

    private static void delete(ChannelSftp sftp, String path) throws SftpException {
        @SuppressWarnings("unchecked")
        Vector<ChannelSftp.LsEntry> entries = sftp.ls(path);
        for (ChannelSftp.LsEntry entry : entries) {
            String child = path + "/" + entry.getFilename();
            if (entry.getFilename().equals(".") || entry.getFilename().equals("..")) {
                continue;
            }
            if (entry.getAttrs().isDir()) {
                delete(sftp, child);
            } else {
                sftp.rm(child);
            }
        }
        sftp.rmdir(path);
    }

    private static void rename(ChannelSftp sftp, String from, String to) throws IOException {
        try {
            sftp.rm(to);
            sftp.rename(from, to);
        } catch (SftpException e) {
            throw new IOException("cannot write " + to + ": " + e.getMessage(), e);
        }
    }

    private static void makeFolders(ChannelSftp sftp, String file) {
        String[] parts = file.split("/");
        StringBuilder path = new StringBuilder(file.startsWith("/") ? "/" : "");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            path.append(parts[i]);
            try {
                sftp.mkdir(path.toString());
            } catch (SftpException exists) {
                // there already, or the next step says why not
            }
            path.append('/');
        }
    }

    private Connection connect() throws IOException {
        try {
            JSch jsch = new JSch();
            jsch.setKnownHosts(server.knownHostsFile());
            if (server.privateKeyFile() != null && !server.privateKeyFile().isBlank()) {
                jsch.addIdentity(server.privateKeyFile());
            }
            Session session = jsch.getSession(server.user(), server.host(), server.port());
            if (server.password() != null && !server.password().isEmpty()) {
                session.setPassword(server.password());
            }
            session.setConfig("StrictHostKeyChecking", server.strictHostKeyChecking());
            session.connect(server.connectTimeoutMs());
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(server.connectTimeoutMs());
            return new Connection(session, sftp);
        } catch (JSchException e) {
            throw new IOException("cannot reach " + describe() + ": " + e.getMessage(), e);
        }
    }

    private record Connection(Session session, ChannelSftp sftp) {
        void close() {
            sftp.disconnect();
            session.disconnect();
        }
    }
}
