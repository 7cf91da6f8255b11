package dropbridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "users.csv|users.csv",
            "drops/2026/users.csv|drops_2026_users.csv",
            "../../etc/passwd|_.._.._etc_passwd",
            "..|_..",
            ".hidden|_.hidden",
            "a\\b:c*d?.csv|a_b_c_d_.csv",
            "用户.csv|用户.csv"})
    void namesCannotLeaveTheirFolder(String source, String expected) {
        assertEquals(expected, OutcomeName.of(source));
    }
}
