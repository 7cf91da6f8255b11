package dropbridge.delivery;

/** The API's credentials cannot be used (missing, rejected, or a token that cannot be had): the file stops. */
public class CredentialsException extends Exception {

    public CredentialsException(String message) {
        super(message);
    }
}
