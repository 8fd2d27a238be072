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

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void appliesDefaultsWhereATargetIsSilent() throws IOException {
        Inventory inventory = Inventory.read(write("""
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
                """));

        assertThat(inventory.targets()).hasSize(2);
        InventoryTarget orders = inventory.targets().get(0);
        assertThat(orders.engine()).isEqualTo("postgres");
        assertThat(orders.user()).isEqualTo("cdc");
        assertThat(orders.slot()).containsExactly("cdc_slot");
        assertThat(orders.tables()).containsExactly("public.orders", "public.items");
        assertThat(orders.window()).isEqualTo("2h");
        assertThat(inventory.targets().get(1).user()).isEqualTo("billing_cdc");
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
        assertThatThrownBy(() -> Inventory.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("line 5").hasMessageContaining("passwordEnv")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void unknownKeysMissingUrlsAndDuplicateNamesAreRefused() throws IOException {
        assertThatThrownBy(() -> Inventory.read(write("targets:\n  - name: a\n    engine: postgres\n    url: u\n    slto: x\n")))
                .hasMessageContaining("line 5").hasMessageContaining("unknown key 'slto'");
        assertThatThrownBy(() -> Inventory.read(write("targets:\n  - name: a\n    engine: postgres\n")))
                .hasMessageContaining("(a) has no url");
        assertThatThrownBy(() -> Inventory.read(write(
                "defaults: {engine: postgres, url: u}\ntargets:\n  - name: a\n  - name: a\n")))
                .hasMessageContaining("repeats the name 'a'");
        assertThatThrownBy(() -> Inventory.read(write("targets:\n  - name: ../etc/passwd\n    engine: postgres\n    url: u\n")))
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> Inventory.read(write("targets: [")))
                .isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Inventory.read(dir.resolve("absent.yaml"))).hasMessageContaining("does not exist");
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
