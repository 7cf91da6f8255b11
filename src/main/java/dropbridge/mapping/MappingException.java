package dropbridge.mapping;

/** A mapping file that cannot be used: its message names the file and the key at fault. */
public class MappingException extends Exception {

    public MappingException(String message) {
        super(message);
    }
}
