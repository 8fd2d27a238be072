package dev.upgradecheck.engine;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each engine's URL allow-list was reviewed against one driver release: when the driver is upgraded, a test here
 * fails until someone reads the new release's parameters and moves {@code writtenFor}. And everything off the
 * lists is refused, naming the parameter, before any connection.
 */
class UrlParametersTest {

    static Stream<SourceInspector> engines() {
        return EngineRegistry.load().names().stream().map(EngineRegistry.load()::find).distinct();
    }

    /** An engine shipped in src/main sends its URL to a third-party driver: it must pin its list. */
    @Test
    void everyShippedEngineDeclaresAnAllowList() {
        var main = SourceInspector.class.getProtectionDomain().getCodeSource();
        List<SourceInspector> shipped = engines()
                .filter(i -> i.getClass().getProtectionDomain().getCodeSource().equals(main)).toList();

        assertThat(shipped).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(i -> assertThat(i.urlParameters()).as(i.engine()).isPresent());
    }

    static Stream<String> enginesWithADriver() {
        return engines().filter(i -> i.urlParameters().isPresent()).map(SourceInspector::engine);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enginesWithADriver")
    void eachListIsPinnedToTheDriverOnTheClassPath(String name) throws Exception {
        SourceInspector engine = EngineRegistry.load().find(name);
        UrlParameters list = engine.urlParameters().get();

        assertThat(driverVersion(Class.forName(list.driverClass())))
                .as(list.driver() + " was upgraded: review " + engine.engine() + "'s URL allow-list against the new"
                        + " release's parameters (anything new that loads a class or a file stays off), then set"
                        + " writtenFor to the new version")
                .isEqualTo(list.writtenFor());
    }

    /** The version the driver's jar says it is: Implementation-Version, or the OSGi Bundle-Version. */
    static String driverVersion(Class<?> driver) throws IOException, URISyntaxException {
        Path jar = Path.of(driver.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return version != null ? version : main.getValue("Bundle-Version");
        }
    }

    static Stream<Arguments> ordinaryUrls() {
        return Stream.of(
                Arguments.of("postgres", "jdbc:postgresql://db:5432/orders?sslmode=verify-full&sslrootcert=/etc/ca.pem"
                        + "&ApplicationName=cdc-check&targetServerType=primary"),
                Arguments.of("postgres", "postgresql://cdc@db/orders?sslmode=require"),
                Arguments.of("mysql", "jdbc:mysql://db:3306/shop?sslMode=VERIFY_IDENTITY&serverTimezone=UTC"),
                Arguments.of("mysql", "jdbc:mysql://address=(host=db)(port=3306)/shop"),
                Arguments.of("sqlserver", "jdbc:sqlserver://db:1433;databaseName=sales;encrypt=true;"
                        + "trustStore=/etc/ts.jks;hostNameInCertificate=*.example.net;applicationName=cdc"),
                Arguments.of("oracle", "jdbc:oracle:thin:@tcps://db:2484/svc?wallet_location=/etc/wallet"
                        + "&ssl_server_dn_match=true"),
                Arguments.of("oracle", "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=db)(PORT=2484))"
                        + "(CONNECT_DATA=(SERVICE_NAME=x))(SECURITY=(SSL_SERVER_CERT_DN=\"CN=db,O=Example,C=US\")))"),
                Arguments.of("mongodb", "mongodb+srv://cluster0.example.mongodb.net/?retryWrites=true&w=majority"
                        + "&appName=Cluster0"),
                Arguments.of("mongodb", "mongodb://db1:27017,db2:27017/?replicaSet=rs0&authSource=admin&tls=true"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ordinaryUrls")
    void theParametersUsersNeedAreAccepted(String engine, String url) {
        SourceInspector inspector = EngineRegistry.load().find(engine);
        inspector.validateUrl(inspector.canonicalUrl(url));
    }

    /** Parameters no deny-list named: harmless or not, they are off the lists, so they are refused by name. */
    static Stream<Arguments> unlistedParameters() {
        return Stream.of(
                Arguments.of("postgres", "jdbc:postgresql://db/x?ssl=true&socketTimeout=0", "socketTimeout"),
                Arguments.of("postgres", "jdbc:postgresql://db/x?readOnly=false", "readOnly"),
                Arguments.of("postgres", "jdbc:postgresql://db/x?options=-c%20default_transaction_read_only=off",
                        "options"),
                Arguments.of("postgres", "jdbc:postgresql://db/x?SSLMODE=require", "SSLMODE"),
                Arguments.of("mysql", "jdbc:mysql://db/x?sessionVariables=sql_log_bin=0", "sessionVariables"),
                Arguments.of("mysql", "jdbc:mysql://(host=db,connectTimeout=0)/x", "connectTimeout"),
                Arguments.of("sqlserver", "jdbc:sqlserver://db;databaseName=x;columnEncryptionSetting=Enabled",
                        "columnencryptionsetting"),
                Arguments.of("oracle", "jdbc:oracle:thin:@//db/x?oracle.jdbc.fanEnabled=true", "oracle.jdbc.fanEnabled"),
                Arguments.of("oracle", "jdbc:oracle:thin:@(DESCRIPTION=(CONNECT_TIMEOUT=0)(ADDRESS=(HOST=db)))",
                        "CONNECT_TIMEOUT"),
                Arguments.of("mongodb", "mongodb://db/?socketTimeoutMS=0", "socketTimeoutMS"),
                Arguments.of("mongodb", "mongodb://db/?uuidRepresentation=javaLegacy", "uuidRepresentation"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("unlistedParameters")
    void anythingElseIsRefusedNamingTheParameter(String engine, String url, String parameter) {
        SourceInspector inspector = EngineRegistry.load().find(engine);

        assertThatThrownBy(() -> inspector.validateUrl(inspector.canonicalUrl(url)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'" + parameter + "'");
        CliRun.Result r = new CliRun().run("precheck", "--engine", engine, "--url", url, "--connect-timeout", "1s");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
    }

    @Test
    void aCaseTheDriverWouldIgnoreIsNamedWithTheSpellingItReads() {
        assertThatThrownBy(() -> EngineRegistry.load().find("postgres").validateUrl("jdbc:postgresql://db/x?SSLMODE=require"))
                .hasMessageContaining("reads it only as 'sslmode'");
    }
}
