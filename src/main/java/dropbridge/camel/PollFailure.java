package dropbridge.camel;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Why a drop could not poll, as one line an operator can act on: the innermost cause that names
 * the problem (a refused host key, login or connection, an S3 answer), never a stack trace or
 * the endpoint's options.
 */
final class PollFailure {

    private PollFailure() {
    }

    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String reason = known(cause);
            if (reason != null) {
                return reason;
            }
        }
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return firstLine(innermost.getClass().getSimpleName() + (innermost.getMessage() == null ? "" : ": " + innermost.getMessage()));
    }

    private static String known(Throwable cause) {
        if (cause instanceof JSchChangedHostKeyException) {
            return "the SFTP server's host key has CHANGED: it no longer matches the server's entry in the known hosts"
                    + " (DROPBRIDGE_SFTP_KNOWN_HOSTS_FILE); a different server answers, or it was re-keyed: confirm the new key"
                    + " with the server's owner before replacing the entry";
        }
        if (cause instanceof JSchHostKeyException) {
            return "the SFTP server's host key is unknown: the server has no entry in the known hosts"
                    + " (DROPBRIDGE_SFTP_KNOWN_HOSTS_FILE); add its key once confirmed with the server's owner";
        }
        if (cause instanceof JSchException && String.valueOf(cause.getMessage()).startsWith("Auth ")) {
            return "the SFTP server refused the login: check the user in the drop's server, DROPBRIDGE_SFTP_PASSWORD"
                    + " and DROPBRIDGE_SFTP_PRIVATE_KEY_FILE";
        }
        if (cause instanceof ConnectException) {
            return "connection refused: the server is down or does not listen on that port";
        }
        if (cause instanceof SocketTimeoutException) {
            return "the server did not answer in time (connection timed out)";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host: " + firstLine(String.valueOf(cause.getMessage()));
        }
        if (cause instanceof AwsServiceException s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            return "S3 answered HTTP " + s3.statusCode() + (code == null ? "" : " " + code) + ": "
                    + firstLine(s3.awsErrorDetails() == null ? String.valueOf(s3.getMessage()) : s3.awsErrorDetails().errorMessage());
        }
        if (cause instanceof SdkClientException) {
            return "S3 cannot be reached: " + firstLine(String.valueOf(cause.getMessage()));
        }
        return null;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
