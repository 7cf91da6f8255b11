package dropbridge.camel;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Host key checking of SFTP servers can be turned off, but never silently. */
@ApplicationScoped
class SftpHostKeyWarning {

    private static final Logger LOG = Logger.getLogger(SftpHostKeyWarning.class);

    void warn(@Observes StartupEvent start,
            @ConfigProperty(name = "dropbridge.sftp.strict-host-key-checking") String strict) {
        if (!"yes".equalsIgnoreCase(strict)) {
            LOG.warn("SFTP host key checking is OFF (dropbridge.sftp.strict-host-key-checking=" + strict
                    + "): the SFTP drops accept any server claiming to be their host");
        }
    }
}
