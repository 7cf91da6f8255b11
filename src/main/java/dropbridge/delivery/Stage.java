package dropbridge.delivery;

/** Where a record failed: reading the file, checking the API's contract, or at the API. */
public enum Stage {
    READ, CHECK, API;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
