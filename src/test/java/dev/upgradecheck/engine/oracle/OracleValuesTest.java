package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.baseline.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scn, names and URL rules: parse, don't poke. */
class OracleValuesTest {

    @Property
    void scnRoundTripsThroughTextAndJson(@ForAll @BigRange(min = "0", max = "18446744073709551615") BigInteger n)
            throws Exception {
        Scn scn = new Scn(n);
        assertThat(Scn.parse(scn.toString())).isEqualTo(scn);
        assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(scn), Scn.class)).isEqualTo(scn);
        assertThat(Scn.fromColumn(new BigDecimal(n))).isEqualTo(scn);
    }

    @Property
    void scnOrdersAsItsNumber(@ForAll @BigRange(min = "0", max = "18446744073709551615") BigInteger a,
                              @ForAll @BigRange(min = "0", max = "18446744073709551615") BigInteger b) {
        assertThat(Integer.signum(new Scn(a).compareTo(new Scn(b)))).isEqualTo(a.compareTo(b));
        assertThat(new Scn(a).isAtOrBefore(new Scn(b))).isEqualTo(a.compareTo(b) <= 0);
    }

    @Test
    void scnRejectsWhatIsNotAnScn() {
        for (String bad : List.of("", "-1", "12a", "18446744073709551616", " ", "1.5", "\u0000")) {
            assertThatThrownBy(() -> Scn.parse(bad)).as(bad).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SCN");
        }
    }

    @Provide
    Arbitrary<String> exactNames() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(128)
                .filter(s -> s.indexOf('"') < 0 && !s.isBlank() && s.equals(s.trim()));
    }

    @Property
    void quotedNamesRoundTrip(@ForAll("exactNames") String name) {
        OracleName parsed = OracleName.parse("\"" + name + "\"");
        assertThat(parsed.value()).isEqualTo(name);
        assertThat(OracleName.parse(parsed.quoted())).isEqualTo(parsed);
    }

    @Test
    void unquotedNamesFoldToUpperCaseAndQuotesAreNeverEscapedInto() {
        assertThat(TableName.parse("app.orders").quoted()).isEqualTo("\"APP\".\"ORDERS\"");
        assertThat(TableName.parse("\"App\".\"Order Lines\"").quoted()).isEqualTo("\"App\".\"Order Lines\"");
        assertThat(TableName.parse("\"a.b\".t").toString()).isEqualTo("a.b.T");
        for (String bad : List.of("orders", "a.b.c", "app.\"x\"\"y\"", "app.or-ders", "app.\"\"", "app.x;DROP")) {
            assertThatThrownBy(() -> TableName.parse(bad)).as(bad).isInstanceOf(BadInputException.class);
        }
    }

    @Test
    void literalsDoubleSingleQuotes() {
        assertThat(OracleRemedies.literal("O'Brien")).isEqualTo("'O''Brien'");
    }

    @Test
    void thinUrlsAreAcceptedWithWalletsButLoadersAndTimeoutOverridesRefused() {
        for (String ok : List.of("jdbc:oracle:thin:@//db:1521/ORCL", "jdbc:oracle:thin:@db:1521:ORCL",
                "jdbc:oracle:thin:@tcps://db:2484/svc?wallet_location=/etc/wallet",
                "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=x)))",
                "jdbc:oracle:thin:@alias?TNS_ADMIN=/etc/tns")) {
            OracleUrl.validate(ok);
        }
        for (String bad : List.of("jdbc:postgresql://x/y", "jdbc:oracle:oci:@db", "jdbc:oracle:thin:@config-file:///tmp/c.json",
                "jdbc:oracle:thin:@CONFIG-HTTPS://example/c", "jdbc:oracle:thin:@//db/x?oracle.jdbc.provider.password=p",
                "jdbc:oracle:thin:@//db/x?oracle.jdbc.config.file=/tmp/p", "jdbc:oracle:thin:@//db/x?oracle.jdbc.ReadTimeout=0",
                "jdbc:oracle:thin:@//db/x?oracle.jdbc.sqlErrorTranslationFile=/tmp/x",
                "jdbc:oracle:thin:@//db/x?oracle.net.KerberosJaasLoginModule=com.evil.X")) {
            assertThatThrownBy(() -> OracleUrl.validate(bad)).as(bad).isInstanceOf(BadInputException.class);
        }
    }

    @Test
    void connectFailuresSayWhatWentWrongInOneLine() {
        assertThat(OracleErrors.describeConnectFailure(new SQLException(
                "ORA-01017: invalid credential or not authorized; logon denied\nhttps://docs.oracle.com/error-help/db/ora-01017/",
                "72000", 1017))).contains("wrong user name or password").doesNotContain("\n");
        assertThat(OracleErrors.describeConnectFailure(new SQLException(
                "ORA-17002: I/O error: ORA-12541: Cannot connect. No listener at host db port 1521.", "08006", 17002)))
                .contains("no listener");
    }

    @Test
    void redoHistoryFindsGapsAndDeletedLogs() {
        List<RedoGroup.Online> online = List.of(
                new RedoGroup.Online(new RedoGroup(1, 1, 1, 1), 10, false, "CURRENT", Scn.of(1000)));
        List<RedoHistory.ArchivedLog> archived = List.of(
                new RedoHistory.ArchivedLog(1, 5, Scn.of(400), Scn.of(500), false),
                new RedoHistory.ArchivedLog(1, 5, Scn.of(400), Scn.of(500), true),  // a second destination kept it
                new RedoHistory.ArchivedLog(1, 6, Scn.of(500), Scn.of(600), false),
                new RedoHistory.ArchivedLog(1, 8, Scn.of(700), Scn.of(800), true),
                new RedoHistory.ArchivedLog(1, 9, Scn.of(800), Scn.of(1000), true));

        RedoHistory history = RedoHistory.assess(Scn.of(450), archived, online);

        assertThat(history.deleted()).containsExactly("thread 1 sequence 6");
        assertThat(history.neverArchived()).containsExactly("thread 1 sequence 7");
        assertThat(RedoHistory.assess(Scn.of(1500), archived, online).complete()).as("still online").isTrue();
        assertThat(RedoHistory.ranges(List.of(3L, 4L, 5L, 9L))).isEqualTo("3-5, 9");
    }
}
