package dropbridge.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The outcome of one API call: one {@link ItemOutcome} per record of the batch, and, when the
 * answer shows that no further call can succeed (wrong credentials), why the file is stopped.
 * {@code refused}: the API refused the request as a whole for its content, which one record can
 * cause; sent again in parts, the records it refused can be told from those it takes (see {@link BatchIsolation}).
 */
public record BatchOutcome(List<ItemOutcome> items, String stopReason, boolean refused) {

    public BatchOutcome(List<ItemOutcome> items, String stopReason) {
        this(items, stopReason, false);
    }

    public static <T> BatchOutcome allDelivered(Batch<T> batch, Function<BatchItem<T>, ObjectNode> details) {
        List<ItemOutcome> items = new ArrayList<>(batch.size());
        for (BatchItem<T> item : batch.items()) {
            items.add(ItemOutcome.delivered(item.source(), details.apply(item)));
        }
        return new BatchOutcome(items, null);
    }

    public static BatchOutcome allFailed(Batch<?> batch, String code, String reason) {
        List<ItemOutcome> items = new ArrayList<>(batch.size());
        for (BatchItem<?> item : batch.items()) {
            items.add(ItemOutcome.failed(item.source(), code, reason));
        }
        return new BatchOutcome(items, null);
    }

    /** Every record failed because the API refused the request for its content (see {@link #refused()}). */
    public static BatchOutcome refused(Batch<?> batch, String code, String reason) {
        return new BatchOutcome(allFailed(batch, code, reason).items(), null, true);
    }

    /** Every record failed, and no further batch of the file is sent. */
    public static BatchOutcome stopFile(Batch<?> batch, String code, String reason) {
        return new BatchOutcome(allFailed(batch, code, reason).items(), reason);
    }

    /**
     * The batch ended without an answer to classify: the last retry failed, the credentials could
     * not be used (which stops the file), or a fault nobody expected. Every record fails with why.
     */
    public static BatchOutcome notDelivered(Batch<?> batch, Throwable cause, int attempts) {
        if (cause instanceof CredentialsException) {
            return stopFile(batch, "credentials", cause.getMessage());
        }
        if (cause instanceof RetryableApiException retryable) {
            return allFailed(batch, retryable.code(), "gave up after " + attempts + " attempts: " + describe(cause));
        }
        if (cause instanceof IOException) {
            return allFailed(batch, "connection", "gave up after " + attempts + " attempts: " + describe(cause));
        }
        return allFailed(batch, "delivery-error", "not delivered: " + describe(cause));
    }

    /** A fault as one line for a reason: its type and message, never a stack trace. */
    public static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + message;
    }

    public boolean stopsFile() {
        return stopReason != null;
    }

    /** True when every record of the batch was delivered. */
    public boolean allDelivered() {
        return items.stream().allMatch(ItemOutcome::delivered);
    }

    /** The outcomes of the batch's records {@code from} (inclusive) to {@code to}, as this outcome has them in batch order. */
    public BatchOutcome part(int from, int to) {
        return new BatchOutcome(items.subList(from, to), stopReason, refused);
    }

    /** The same outcome, with this said after the reason of every failed record. */
    public BatchOutcome withNote(String note) {
        List<ItemOutcome> noted = new ArrayList<>(items.size());
        for (ItemOutcome item : items) {
            noted.add(item.delivered() ? item : ItemOutcome.failed(item.source(), item.code(), item.reason() + " (" + note + ")"));
        }
        return new BatchOutcome(noted, stopReason, refused);
    }
}
