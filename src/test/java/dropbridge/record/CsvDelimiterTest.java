package dropbridge.record;

import static dropbridge.record.Readers.DEFAULTS;
import static dropbridge.record.Readers.drain;
import static dropbridge.record.Readers.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV cells split at the drop's delimiter, and the header's names as the file writes them. */
class CsvDelimiterTest {

    @Test
    void spacesAroundHeaderNamesAreTrimmedButValuesAreLeftAsTheyAre() throws Exception {
        RecordReader reader = RecordFormat.CSV.open(input("user_id , name , plan\n1, Ann , pro\n"), DEFAULTS, null);

        assertEquals(List.of("user_id", "name", "plan"), reader.columns());
        assertEquals("{\"user_id\":\"1\",\"name\":\" Ann \",\"plan\":\" pro\"}", drain(reader).get(0).record().fields().toString());
    }

    @Test
    void namesThatAreTheSameOnceTrimmedAreABadFile() {
        for (String header : List.of("user_id,plan, plan\n", "user_id,plan,plan\n")) {
            BadFileException duplicate = assertThrows(BadFileException.class, () -> RecordFormat.CSV.open(input(header + "1,a,b\n"), DEFAULTS, null));
            assertEquals("CSV header names the column plan twice", duplicate.getMessage());
        }
    }

    @Test
    void aHeaderOfOneColumnHoldingAnotherDelimiterSaysWhichToSet() {
        BadFileException semicolons = assertThrows(BadFileException.class,
                () -> RecordFormat.CSV.open(input("user_id;name;plan\n1;a;b\n"), DEFAULTS, null));
        assertEquals("the CSV header has one column, `user_id;name;plan`, holding `;`: set `delimiter: \";\"` on the drop",
                semicolons.getMessage());

        BadFileException tabs = assertThrows(BadFileException.class,
                () -> RecordFormat.CSV.open(input("user_id\tname\n1\ta\n"), DEFAULTS, null));
        assertEquals("the CSV header has one column, `user_id\tname`, holding `\\t`: set `delimiter: \"\\t\"` on the drop", tabs.getMessage());

        BadFileException commas = assertThrows(BadFileException.class,
                () -> RecordFormat.CSV.open(input("user_id,name\n1,a\n"), ReadOptions.of(null, ";", 1000), null));
        assertEquals("the CSV header has one column, `user_id,name`, holding `,`: set `delimiter: \",\"` on the drop", commas.getMessage());
    }

    @Test
    void aGenuineOneColumnFileIsRead() throws Exception {
        List<ReadResult> results = drain(RecordFormat.CSV.open(input("euid\n42\n7\n"), ReadOptions.of(null, ";", 1000), null));

        assertEquals(List.of("42", "7"), results.stream().map(r -> r.record().fields().get("euid").asText()).toList());
    }

    @Test
    void cellsAreSplitAtThePipeAndQuotedValuesMayHoldIt() throws Exception {
        List<ReadResult> results = drain(RecordFormat.CSV.open(input("id|note\n1|\"a|b\"\n2|c,d\n3|x|y\n"), ReadOptions.of(null, "|", 1000), null));

        assertEquals("a|b", results.get(0).record().fields().get("note").asText());
        assertEquals("c,d", results.get(1).record().fields().get("note").asText());
        assertEquals("3|x|y", results.get(2).raw(), "an unreadable row is shown with its own delimiter");
    }

    @Test
    void theLimitFollowsQuotesAfterTheDropsDelimiter() throws Exception {
        String csv = "id;note\n1;\"a\nbcde\"\n2;\"a\nbcdef\"\n3;x\n";

        List<ReadResult> results = drain(RecordFormat.CSV.open(input(csv), ReadOptions.of(null, ";", 10), null));

        assertEquals(List.of(2L, 4L, 6L), results.stream().map(ReadResult::line).toList());
        assertEquals("a\nbcde", results.get(0).record().fields().get("note").asText());
        assertEquals("record longer than 10 characters", results.get(1).problem(), "the quoted line break belongs to the row");
        assertEquals("x", results.get(2).record().fields().get("note").asText());
    }
}
