package dropbridge.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The name of a dropped file as each drop kind reports it. */
final class DropNames {

    static final String S3_KEY = "CamelAwsS3Key";

    private DropNames() {
    }

    static String sourceName(Message message) {
        String name = message.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (name == null) {
            name = message.getHeader(S3_KEY, String.class);
        }
        if (name == null) {
            name = message.getHeader(Exchange.FILE_NAME, String.class);
        }
        return name != null ? name : message.getExchange().getExchangeId();
    }
}
