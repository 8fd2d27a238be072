package dev.upgradecheck.fleet;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InventoryTest {

    @TempDir
    Path dir;

    /** The option keys of the engines on the class path, as the command line passes them. */
    private static final java.util.Set<String> KEYS = dev.upgradecheck.engine.EngineRegistry.load().targetOptionKeys();

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void appliesDefaultsWhereATargetIsSilent() throws IOException {
        Inventory inventory = read("""
                defaults:
                  engine: postgres
                  user: cdc
                  window: 2h
                targets:
                  - name: orders-primary
                    url: jdbc:postgresql://db1:5432/orders
                    slot: cdc_slot
                    tables: [public.orders, public.items]
                  - name: billing
                    url: jdbc:postgresql://db2:5432/billing
                    user: billing_cdc
                """);

        assertThat(inventory.targets()).hasSize(2);
        InventoryTarget orders = inventory.targets().get(0);
        assertThat(orders.engine()).isEqualTo("postgres");
        assertThat(orders.user()).isEqualTo("cdc");
        assertThat(orders.options()).containsEntry("slot", "cdc_slot")
                .containsEntry("tables", List.of("public.orders", "public.items")).containsEntry("window", "2h");
        assertThat(inventory.targets().get(1).user()).isEqualTo("billing_cdc");
    }

    private Inventory read(String yaml) throws IOException {
        return Inventory.read(write(yaml), KEYS);
    }

    @Test
    void anEnginesOwnOptionIsAKeyOnlyWhileAnEngineDeclaresIt() throws IOException {
        Path file = write("targets:\n  - name: a\n    engine: postgres\n    url: u\n    slot: s\n");

        assertThat(Inventory.read(file, KEYS).targets().get(0).options()).containsEntry("slot", "s");
        assertThatThrownBy(() -> Inventory.read(file, java.util.Set.of("tables")))
                .hasMessageContaining("line 5").hasMessageContaining("unknown key 'slot'");
    }

    @Test
    void aVersionKeepsItsLastZero() throws IOException {
        Inventory inventory = read("targets:\n  - name: a\n    engine: mysql\n    url: u\n    targetVersion: 10.10\n");

        assertThat(dev.upgradecheck.engine.TargetOptions.fromFile(inventory.targets().get(0).options(),
                dev.upgradecheck.engine.TargetOptions.SHARED).targetVersion()).isEqualTo("10.10");
    }

    @Test
    void aLiteralPasswordIsRefusedNamingItsLine() throws IOException {
        Path file = write("""
                targets:
                  - name: a
                    engine: postgres
                    url: jdbc:postgresql://db1/x
                    password: hunter2
                """);
        assertThatThrownBy(() -> Inventory.read(file, KEYS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("line 5").hasMessageContaining("passwordEnv")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void unknownKeysMissingUrlsAndDuplicateNamesAreRefused() throws IOException {
        assertThatThrownBy(() -> Inventory.read(write("targets:\n  - name: a\n    engine: postgres\n    url: u\n    slto: x\n"), KEYS))
                .hasMessageContaining("line 5").hasMessageContaining("unknown key 'slto'");
        assertThatThrownBy(() -> Inventory.read(write("targets:\n  - name: a\n    engine: postgres\n"), KEYS))
                .hasMessageContaining("(a) has no url");
        assertThatThrownBy(() -> read(
                "defaults: {engine: postgres, url: u}\ntargets:\n  - name: a\n  - name: a\n"))
                .hasMessageContaining("repeats the name 'a'");
        assertThatThrownBy(() -> Inventory.read(write("targets:\n  - name: ../etc/passwd\n    engine: postgres\n    url: u\n"), KEYS))
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> Inventory.read(write("targets: ["), KEYS))
                .isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Inventory.read(dir.resolve("absent.yaml"), KEYS)).hasMessageContaining("does not exist");
    }

    @Test
    void unknownEngineInAnInventoryExitsTwoNamingTheTarget() throws IOException {
        Path file = write("targets:\n  - name: legacy\n    engine: informix\n    url: jdbc:informix-sqli://x\n");

        CliRun.Result r = new CliRun().run("precheck", "--inventory", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("legacy").contains("unknown engine 'informix'");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void shardsSplitTheFleetWithoutOverlap() {
        List<Integer> all = List.of(1, 2, 3, 4, 5, 6, 7);
        assertThat(Shard.parse("1/3").select(all)).containsExactly(1, 4, 7);
        assertThat(Shard.parse("2/3").select(all)).containsExactly(2, 5);
        assertThat(Shard.parse("3/3").select(all)).containsExactly(3, 6);
        assertThatThrownBy(() -> Shard.parse("4/3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shard.parse("0/3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shard.parse("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
