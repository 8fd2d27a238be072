package dev.upgradecheck.safety;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.EngineRegistry;
import dev.upgradecheck.fleet.Inventory;
import dev.upgradecheck.fleet.Shard;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No input makes a parser throw anything but its own documented error: IllegalArgumentException for value types
 * (the CLI turns it into exit 2), BadInputException for names, URLs and files. The engines' own property tests cover
 * round trips; these throw everything else at them: arbitrary text, text near the valid forms, and hostile names.
 */
class ParserFuzzTest {

    private static final java.util.Set<String> KEYS = EngineRegistry.load().targetOptionKeys();

    /** Arbitrary text, text shaped like the valid forms, and the hostile names. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(60);
        Arbitrary<String> shaped = Arbitraries.strings().withChars("0123456789abcdefABCDEF:/-,.\"'`[]{}@;= _xX\\")
                .ofMaxLength(40);
        Arbitrary<String> hostile = Arbitraries.of(Hostile.NAMES).map(Hostile.Name::value);
        return Arbitraries.oneOf(any, shaped, hostile);
    }

    private static void onlyItsOwnError(String input, Consumer<String> parser, Class<? extends Exception> documented) {
        try {
            parser.accept(input);
        } catch (Exception e) {
            // exactly the documented type: a NumberFormatException or NullPointerException is a bug, not an answer
            assertThat(e.getClass()).as("input <%s>: %s", input, e).isEqualTo(documented);
            assertThat(e.getMessage()).as("a message to show the user").isNotBlank();
            assertThat(e.getMessage().lines().count()).as("one line").isLessThanOrEqualTo(1);
        }
    }

    @Property(tries = 400)
    void valueTypes(@ForAll("text") String s) {
        onlyItsOwnError(s, dev.upgradecheck.engine.postgres.Lsn::parse, IllegalArgumentException.class);
        onlyItsOwnError(s, dev.upgradecheck.engine.sqlserver.Lsn::parse, IllegalArgumentException.class);
        onlyItsOwnError(s, dev.upgradecheck.engine.oracle.Scn::parse, IllegalArgumentException.class);
        onlyItsOwnError(s, dev.upgradecheck.engine.mysql.GtidSet::parse, IllegalArgumentException.class);
        onlyItsOwnError(s, dev.upgradecheck.engine.mysql.MariadbGtidPosition::parse, IllegalArgumentException.class);
        onlyItsOwnError(s, Shard::parse, IllegalArgumentException.class);
    }

    @Property(tries = 400)
    void userGivenNames(@ForAll("text") String s) {
        onlyItsOwnError(s, dev.upgradecheck.engine.sqlserver.TableName::parse, BadInputException.class);
        onlyItsOwnError(s, dev.upgradecheck.engine.oracle.TableName::parse, BadInputException.class);
        onlyItsOwnError(s, dev.upgradecheck.engine.oracle.OracleName::parse, BadInputException.class);
        onlyItsOwnError(s, dev.upgradecheck.engine.mongodb.StreamScope::parse, BadInputException.class);
    }

    @Property(tries = 300)
    void urlValidatorsOfEveryEngine(@ForAll("urls") String url) {
        EngineRegistry engines = EngineRegistry.load();
        for (String engine : SafetyFixtures.engines()) {
            onlyItsOwnError(url, engines.find(engine)::validateUrl, BadInputException.class);
        }
    }

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> prefix = Arbitraries.of("jdbc:postgresql://", "jdbc:mysql://", "jdbc:mariadb://",
                "jdbc:sqlserver://", "jdbc:oracle:thin:@", "jdbc:oracle:thin:@//", "mongodb://", "mongodb+srv://",
                "jdbc:", "", "jdbc:postgresql:", "jdbc:mysql+srv://");
        Arbitrary<String> rest = Arbitraries.strings().withChars("abcdehlost0123456789:/?&=;,.%@()[]{}\"'\\ _-+")
                .ofMaxLength(50);
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
                net.jqwik.api.Combinators.combine(prefix, rest).as(String::concat));
    }

    @Property(tries = 200)
    void inventoryFiles(@ForAll("yaml") String yaml) throws Exception {
        Path file = Files.createTempFile("inventory", ".yaml");
        try {
            Files.writeString(file, yaml);
            onlyItsOwnError(file.toString(), f -> Inventory.read(Path.of(f), KEYS), BadInputException.class);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Real inventory lines, shuffled, cut and spiced with noise: mostly almost-valid YAML. */
    @Provide
    Arbitrary<String> yaml() {
        List<String> lines = List.of("defaults:", "  engine: postgres", "  user: cdc", "targets:", "  - name: a",
                "    url: jdbc:postgresql://db/x", "    slot: [s1, s2]", "    tables: public.t", "    window: 2h",
                "  - name: b", "    engine: mysql", "    url: 'jdbc:mysql://db/x'", "    password: x", "  - {name: c}",
                "- ", "  - name: \"a\"", "    queryTimeout: 5s", "    maxLag: 1GB", ": :", "  &a *a", "!!binary x",
                "targets: {}", "targets: [[]]", "    url: [1, 2]", "\t", "targets: null");
        Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(15);
        return Arbitraries.oneOf(Arbitraries.of(lines), noise).list().ofMaxSize(14).map(l -> String.join("\n", l));
    }
}
