package dropbridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dropbridge.record.SourceRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Isolation of refused records against an API that refuses any request holding a bad record. */
class BatchIsolationTest {

    @ParameterizedTest(name = "batch of {0}, bad records {1}")
    @CsvSource(delimiter = ';', value = {
            "2;1",
            "100;1",
            "100;100",
            "100;37",
            "500;1",
            "500;250",
            "500;1 2 3",
            "500;17 260 499",
            "7;1 2 3 4 5 6 7"})
    void everyRefusedRecordStandsAloneAndEveryOtherIsDeliveredOnce(int size, String badNumbers) {
        Set<Long> bad = Arrays.stream(badNumbers.split(" ")).map(Long::valueOf).collect(Collectors.toSet());
        StrictApi api = new StrictApi(bad);
        Batch<Long> batch = batch(size);

        BatchIsolation<Long> isolation = new BatchIsolation<>(batch, api.answer(batch), 10_000);
        BatchOutcome outcome = api.isolate(isolation);

        Map<Long, ItemOutcome> byRecord = byRecord(outcome);
        assertEquals(size, byRecord.size(), "one outcome per record");
        assertEquals(size, outcome.items().size(), "no record twice");
        for (long number = 1; number <= size; number++) {
            ItemOutcome item = byRecord.get(number);
            assertEquals(!bad.contains(number), item.delivered(), "record " + number);
            if (!item.delivered()) {
                assertEquals("record " + number + " is refused", item.reason(), "the API's own answer to the record alone");
            }
        }
        assertEquals(bad.size(), isolation.refusedRecords());
        assertEquals(size - bad.size(), api.deliveredTimes.size());
        assertTrue(api.deliveredTimes.values().stream().allMatch(times -> times == 1), "delivered once each: " + api.deliveredTimes);
        double log2 = Math.ceil(Math.log(size) / Math.log(2));
        assertTrue(isolation.requests() <= bad.size() * 2 * log2,
                isolation.requests() + " extra requests for " + bad.size() + " refused in " + size);
        assertFalse(isolation.hasNext());
    }

    @Test
    void oneRefusedRecordInAHundredCostsAtMostFourteenRequests() {
        StrictApi api = new StrictApi(Set.of(64L));
        Batch<Long> batch = batch(100);
        BatchIsolation<Long> isolation = new BatchIsolation<>(batch, api.answer(batch), 10_000);
        api.isolate(isolation);
        assertTrue(isolation.requests() <= 14, isolation.requests() + " requests");
    }

    @Test
    void aBatchWhoseHalvesAreBothTakenIsDeliveredWhole() {
        StrictApi api = new StrictApi(Set.of());
        Batch<Long> batch = batch(10);
        BatchIsolation<Long> isolation = new BatchIsolation<>(batch,
                BatchOutcome.refused(batch, "http-400", "refused once"), 10_000);

        BatchOutcome outcome = api.isolate(isolation);

        assertTrue(outcome.allDelivered());
        assertEquals(10, outcome.items().size());
        assertTrue(isolation.requests() <= 8, isolation.requests() + " requests");
        assertEquals(0, isolation.refusedRecords());
    }

    @Test
    void theBudgetSpentThePartsLeftFailWithTheirRefusalAndSaySo() {
        StrictApi api = new StrictApi(IntStream.rangeClosed(1, 100).mapToObj(n -> (long) n).collect(Collectors.toSet()));
        Batch<Long> batch = batch(100);
        BatchIsolation<Long> isolation = new BatchIsolation<>(batch, api.answer(batch), 8);

        BatchOutcome outcome = api.isolate(isolation);

        assertEquals(8, isolation.requests());
        assertEquals(100, outcome.items().size());
        assertTrue(outcome.items().stream().noneMatch(ItemOutcome::delivered));
        assertTrue(outcome.items().stream().anyMatch(item -> item.reason().contains("isolation gave up after 8 extra requests")),
                outcome.items().toString());
    }

    @Test
    void credentialsRefusedMidwayStopTheFileAndThePartsLeftAreNotSent() {
        StrictApi api = new StrictApi(Set.of(3L));
        Batch<Long> batch = batch(8);
        BatchIsolation<Long> isolation = new BatchIsolation<>(batch, api.answer(batch), 10_000);
        isolation.nextPart();
        isolation.answered(BatchOutcome.stopFile(new Batch<>(1, batch.items().subList(0, 4)), "http-401", "key refused"));

        assertFalse(isolation.hasNext());
        BatchOutcome outcome = isolation.outcome();
        assertEquals("key refused", outcome.stopReason());
        assertEquals(8, outcome.items().size());
        assertEquals(4, outcome.items().stream().filter(item -> "not-sent".equals(item.code())).count());
    }

    private static Map<Long, ItemOutcome> byRecord(BatchOutcome outcome) {
        return outcome.items().stream().collect(Collectors.toMap(item -> item.source().number(), Function.identity(), (a, b) -> a, TreeMap::new));
    }

    private static Batch<Long> batch(int size) {
        List<BatchItem<Long>> items = new ArrayList<>();
        IntStream.rangeClosed(1, size).forEach(n -> items.add(new BatchItem<>(
                new SourceRecord(n + 1, n, 0, JsonNodeFactory.instance.objectNode()), (long) n)));
        return new Batch<>(1, items);
    }

    /** Refuses, as a whole, any request that holds a bad record; takes every other. */
    private static final class StrictApi {
        private final Set<Long> bad;
        private final Map<Long, Integer> deliveredTimes = new TreeMap<>();

        StrictApi(Set<Long> bad) {
            this.bad = bad;
        }

        BatchOutcome answer(Batch<Long> batch) {
            List<Long> refused = batch.items().stream().map(BatchItem::payload).filter(bad::contains).toList();
            if (refused.isEmpty()) {
                batch.items().forEach(item -> deliveredTimes.merge(item.payload(), 1, Integer::sum));
                return BatchOutcome.allDelivered(batch, item -> null);
            }
            return BatchOutcome.refused(batch, "400", "record " + refused.get(0) + " is refused");
        }

        BatchOutcome isolate(BatchIsolation<Long> isolation) {
            while (isolation.hasNext()) {
                isolation.answered(answer(isolation.nextPart()));
            }
            return isolation.outcome();
        }
    }
}
