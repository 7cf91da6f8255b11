package dropbridge.delivery;

/** Ends a file's exchange in failure after its report is written, so the drop moves it aside as failed. */
public class FileFailedException extends Exception {

    public FileFailedException(String message) {
        super(message, null, false, false);
    }
}
