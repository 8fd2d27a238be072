package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.value.HumanDuration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MysqlUrlPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"allowLoadLocalInfile=true", "allowLoadLocalInfileInPath=/etc", "allowUrlInLocalInfile=true",
            "autoDeserialize=true", "queryInterceptors=com.example.X", "exceptionInterceptors=com.example.X",
            "connectionLifecycleInterceptors=com.example.X", "statementInterceptors=com.example.X",
            "socketFactory=com.example.X", "propertiesTransform=com.example.X",
            "clientCertificateKeyStoreUrl=file:/tmp/ks", "trustCertificateKeyStoreUrl=file:/tmp/ts",
            "authenticationPlugins=com.example.X", "defaultAuthenticationPlugin=com.example.X", "logger=com.example.X",
            "profilerEventHandler=com.example.X", "serverRSAPublicKeyFile=/tmp/key.pem", "useConfigs=maxPerformance",
            "ociConfigFile=/tmp/oci", "createDatabaseIfNotExist=true", "traceProtocol=true",
            "ALLOWLOADLOCALINFILE=true"})
    void refusesParametersThatLoadClassesOrFiles(String parameter) {
        assertThatThrownBy(() -> MysqlUrlPolicy.validate("jdbc:mysql://db.internal:3306/shop?sslMode=REQUIRED&" + parameter))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(parameter.substring(0, parameter.indexOf('=')));
    }

    @Test
    void refusesParametersHiddenInAHostBlock() {
        assertThatThrownBy(() -> MysqlUrlPolicy.validate(
                "jdbc:mysql://(host=db.internal,port=3306,socketFactory=com.example.Evil)/shop"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("socketFactory");
        assertThatThrownBy(() -> MysqlUrlPolicy.validate(
                "jdbc:mysql://address=(host=db.internal)(autoDeserialize=true)/shop"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("autoDeserialize");
    }

    @Test
    void refusesPercentEncodedKeysAndNeverInstantiatesTheirClasses() {
        assertThatThrownBy(() -> MysqlUrlPolicy.validate(
                "jdbc:mysql://db/x?properties%54ransform=" + Bomb.class.getName()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("propertiesTransform");
        assertThatThrownBy(() -> MysqlUrlPolicy.validate("jdbc:mysql://db/x?propertiesTransform=" + Bomb.class.getName()))
                .isInstanceOf(BadInputException.class);
        assertThat(Bomb.instances).isZero();
    }

    /** Counts instantiations: the driver would create it while parsing a URL naming it as propertiesTransform. */
    public static final class Bomb implements com.mysql.cj.conf.ConnectionPropertiesTransform {
        static int instances;

        public Bomb() {
            instances++;
        }

        @Override
        public Properties transformProperties(Properties props) {
            return props;
        }
    }

    @Test
    void acceptsOrdinaryUrls() {
        assertThatCode(() -> MysqlUrlPolicy.validate(
                "jdbc:mysql://db.internal:3306/shop?sslMode=VERIFY_IDENTITY&allowPublicKeyRetrieval=false"))
                .doesNotThrowAnyException();
        assertThatCode(() -> MysqlUrlPolicy.validate("jdbc:mariadb://db.internal/shop")).doesNotThrowAnyException();
    }

    @Test
    void refusesOtherSchemes() {
        for (String url : new String[] {"jdbc:postgresql://db/x", "jdbc:mysql:loadbalance://a,b/x",
                "jdbc:mysql:replication://a,b/x", "mysqlx://db/x", "db.internal:3306"}) {
            assertThatThrownBy(() -> MysqlUrlPolicy.validate(url)).as(url).isInstanceOf(BadInputException.class);
        }
    }

    @Test
    void mariadbSchemeIsGivenToConnectorJAsMysql() {
        assertThat(MysqlUrlPolicy.driverUrl("jdbc:mariadb://db:3306/x?sslMode=REQUIRED"))
                .isEqualTo("jdbc:mysql://db:3306/x?sslMode=REQUIRED");
    }

    @Test
    void connectsWithSafetyPropertiesAndTheCommandLineTimeouts() {
        ConnectionSpec spec = new ConnectionSpec("mysql", "jdbc:mysql://db/x", "cdc",
                Secret.of("s3cret"), HumanDuration.parse("3s"), HumanDuration.parse("7s"));
        Properties p = MysqlUrlPolicy.properties(spec);

        // the login is bounded by the connect timeout; after it, reads get the query timeout's backstop
        assertThat(dev.upgradecheck.engine.jdbc.JdbcConnector.readBackstopMillis(spec)).isEqualTo(15000);
        assertThat(p).contains(Map.entry("connectTimeout", "3000"), Map.entry("socketTimeout", "3000"),
                Map.entry("allowLoadLocalInfile", "false"), Map.entry("allowUrlInLocalInfile", "false"),
                Map.entry("autoDeserialize", "false"), Map.entry("allowMultiQueries", "false"),
                Map.entry("readOnlyPropagatesToServer", "true"), Map.entry("user", "cdc"));
    }

    @Test
    void refusedUrlExitsTwoThroughTheCli() {
        CliRun.Result run = CliRun.withEnv(Map.of()).run("precheck", "--engine", "mysql", "--url",
                "jdbc:mysql://127.0.0.1:1/x?allowLoadLocalInfile=true&password=hunter2", "--user", "cdc");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("allowLoadLocalInfile").doesNotContain("hunter2");
    }

    @Test
    void unreachableServerExitsThreeWithOneLine() {
        CliRun.Result run = CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", "pw")).run("precheck", "--engine", "mysql", "--url",
                "jdbc:mysql://127.0.0.1:1/x", "--user", "cdc", "--connect-timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("cannot reach the server");
    }
}
