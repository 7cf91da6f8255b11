package dropbridge.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The outcome of one API call: one {@link ItemOutcome} per record of the batch, and, when the
 * answer shows that no further call can succeed (wrong credentials), why the file is stopped.
 */
public record BatchOutcome(List<ItemOutcome> items, String stopReason) {

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
}
