package dropbridge.record;

/** The file as a whole cannot be read as records: no record of it is sent. */
public class BadFileException extends Exception {

    public BadFileException(String message) {
        super(message);
    }
}
