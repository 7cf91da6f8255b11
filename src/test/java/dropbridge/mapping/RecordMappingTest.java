package dropbridge.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.record.BadFileException;
import dropbridge.record.SourceRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A team's mapping applied to records as they stream: fields renamed, constants added, empty values, skip rules. */
class RecordMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CRM_HEADER = List.of("Customer ID", "Email Address", "Plan", "Signup Date", "internal_notes");
    private static final String CRM = """
            # the CRM export's columns as Ptengine attributes
            fields:
              user_id: Customer ID
              email: Email Address
              plan: Plan
            constants:
              source: crm
            emptyValues: omit
            skip:
              - column: Plan
                equals: free
                reason: free plan
            """;

    @Test
    void onlyTheMappedFieldsAndTheConstantsArePassedOn() throws Exception {
        RecordMapping mapping = MappingFile.parse("crm-profiles", "crm-profiles.yaml", CRM);

        SourceRecord mapped = mapping.map(record(7, "{\"Customer ID\":\"c-1\",\"Email Address\":\"a@x.cn\",\"Plan\":\"pro\","
                + "\"Signup Date\":\"2026-01-02\",\"internal_notes\":\"do not share\"}"));

        assertEquals(7, mapped.line(), "the line stays the dropped file's");
        assertEquals("{\"user_id\":\"c-1\",\"email\":\"a@x.cn\",\"plan\":\"pro\",\"source\":\"crm\"}", mapped.fields().toString());
    }

    @Test
    void anEmptyValueIsOmittedOrSentAsTheMappingSays() throws Exception {
        String row = "{\"Customer ID\":\"c-1\",\"Email Address\":\"\",\"Plan\":\"  \"}";
        RecordMapping omit = MappingFile.parse("m", "m.yaml", "fields: {user_id: Customer ID, email: Email Address, plan: Plan}");
        RecordMapping send = MappingFile.parse("m", "m.yaml", "fields: {user_id: Customer ID, email: Email Address}\nemptyValues: send");

        assertEquals("{\"user_id\":\"c-1\"}", omit.map(record(2, row)).fields().toString(), "omit is the default");
        assertEquals("{\"user_id\":\"c-1\",\"email\":\"\"}", send.map(record(2, row)).fields().toString());
    }

    @Test
    void keepOtherColumnsPassesTheRestUnderTheirOwnNames() throws Exception {
        RecordMapping mapping = MappingFile.parse("m", "m.yaml", "fields: {user_id: Customer ID}\nkeepOtherColumns: true");

        SourceRecord mapped = mapping.map(record(2, "{\"Customer ID\":\"c-1\",\"city\":\"杭州\",\"note\":\"\"}"));

        assertEquals("{\"user_id\":\"c-1\",\"city\":\"杭州\"}", mapped.fields().toString());
    }

    @Test
    void eachKindOfSkipRuleGivesItsReason() throws Exception {
        RecordMapping mapping = MappingFile.parse("m", "m.yaml", """
                fields: {user_id: id}
                skip:
                  - { column: plan, in: [free, trial], reason: not a paying customer }
                  - { column: email, empty: true }
                  - { column: email, matches: ".*@test\\\\.example" }
                  - { column: tier, equals: 0 }
                """);

        assertEquals("not a paying customer", mapping.skipReason(record(2, "{\"id\":\"1\",\"plan\":\"trial\",\"email\":\"a@b.cn\"}")));
        assertEquals("email is empty", mapping.skipReason(record(3, "{\"id\":\"2\",\"plan\":\"pro\"}")), "a missing key is empty");
        assertEquals("email matches .*@test\\.example", mapping.skipReason(record(4, "{\"id\":\"3\",\"email\":\"q@test.example\"}")));
        assertEquals("tier is 0", mapping.skipReason(record(5, "{\"id\":\"4\",\"email\":\"a@b.cn\",\"tier\":0}")), "numbers compare as written");
        assertNull(mapping.skipReason(record(6, "{\"id\":\"5\",\"plan\":\"pro\",\"email\":\"a@b.cn\",\"tier\":1}")));
    }

    @Test
    void aHeaderThatLacksAMappedColumnOrTheRequiredOneIsRefusedNamingIt() throws Exception {
        RecordMapping mapping = MappingFile.parse("crm-profiles", "crm-profiles.yaml", CRM);
        mapping.checkHeader(CRM_HEADER, "user_id");

        BadFileException noPlan = assertThrows(BadFileException.class,
                () -> mapping.checkHeader(List.of("Customer ID", "Email Address"), "user_id"));
        assertTrue(noPlan.getMessage().startsWith("the file has no column 'Plan', which mapping crm-profiles reads"), noPlan.getMessage());

        RecordMapping noUserId = MappingFile.parse("m", "m.yaml", "fields: {email: Email Address}");
        BadFileException required = assertThrows(BadFileException.class, () -> noUserId.checkHeader(CRM_HEADER, "user_id"));
        assertTrue(required.getMessage().contains("no user_id"), required.getMessage());

        BadFileException unmapped = assertThrows(BadFileException.class, () -> RecordMapping.NONE.checkHeader(CRM_HEADER, "user_id"));
        assertEquals("CSV header has no user_id column (columns: Customer ID, Email Address, Plan, Signup Date, internal_notes)", unmapped.getMessage());
    }

    @Test
    void withoutAMappingARecordPassesAsItWasRead() throws Exception {
        SourceRecord record = record(3, "{\"user_id\":\"u\",\"plan\":\"\"}");

        assertEquals(record, RecordMapping.NONE.map(record));
        assertNull(RecordMapping.NONE.skipReason(record));
    }

    @Test
    void aMistakeInTheFileNamesTheFileAndTheKey() {
        assertProblem("feilds: {user_id: id}", "m.yaml: unknown key 'feilds'; a mapping takes [constants, emptyValues, fields, keepOtherColumns, skip]");
        assertProblem("fields: {user_id: id}\nemptyValues: drop", "m.yaml: emptyValues is 'drop'; it takes omit (an empty value is not sent) or send (sent as \"\")");
        assertProblem("fields: {user_id: id}\nskip: [{column: plan, equal: free}]", "m.yaml: unknown key 'equal'; a skip rule takes [column, empty, equals, in, matches, reason]");
        assertProblem("fields: {user_id: id}\nskip: [{column: plan, equals: free, empty: true}]",
                "m.yaml: skip: the rule on column 'plan' needs exactly one of [empty, equals, in, matches], not [equals, empty]");
        assertProblem("fields: {user_id: id}\nskip: [{column: plan, matches: '(free'}]",
                "m.yaml: skip: the rule on column 'plan': matches is not a valid regular expression: Unclosed group");
        assertProblem("fields: {user_id: id}\nconstants: {user_id: x}", "m.yaml: 'user_id' is both under fields and under constants");
        assertProblem("- user_id", "m.yaml: a mapping is a YAML map with the keys [constants, emptyValues, fields, keepOtherColumns, skip]");
        assertProblem("constants: {source: crm}", "m.yaml: 'fields' names no field: list the pipeline's input names and the columns they are read from, "
                + "or set keepOtherColumns: true");
    }

    private static void assertProblem(String yaml, String problem) {
        MappingException e = assertThrows(MappingException.class, () -> MappingFile.parse("m", "m.yaml", yaml));
        assertEquals(problem, e.getMessage());
    }

    private static SourceRecord record(long line, String json) throws Exception {
        return new SourceRecord(line, (ObjectNode) JSON.readTree(json));
    }
}
