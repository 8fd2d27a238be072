package dev.upgradecheck.scenario;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;

import java.util.ArrayList;
import java.util.List;

/**
 * The row writes every engine's scenario makes into its captured tables, and the steps that generate them: inserts,
 * and updates or deletes of a row picked by position (so a step shrinks).
 */
interface RowWrites {

    List<String> writableTables();

    /** What the scenario wrote (the ground truth) and its script. */
    Ledger ledger();

    /** Runs one write on the server, logged as {@code step}. */
    void write(String step, String sql);

    /** The key of the next row inserted into {@code table} (each engine's scenario has its own key rule). */
    int nextKey(String table);

    /** A new row's values after its key, as SQL. */
    String rowValues();

    /** What an update sets, as SQL. */
    String changedColumns();

    default boolean hasRows(String table) {
        return ledger().hasRows(table);
    }

    default void insert(String table, int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int key = nextKey(table);
            values.add("(" + key + ", " + rowValues() + ")");
            ledger().inserted(table, key);
        }
        write("insert " + count + " into " + table, "INSERT INTO " + table + " VALUES " + String.join(", ", values));
    }

    default void update(String table, int pick) {
        int key = ledger().updated(table, pick);
        write("update " + table + " id " + key, "UPDATE " + table + " SET " + changedColumns() + " WHERE id = " + key);
    }

    default void delete(String table, int pick) {
        int key = ledger().deleted(table, pick);
        write("delete " + table + " id " + key, "DELETE FROM " + table + " WHERE id = " + key);
    }

    static <S extends RowWrites> Action.Dependent<S> insertStep() {
        return s -> Combinators.combine(Arbitraries.of(s.writableTables()), Arbitraries.integers().between(1, 3))
                .as((table, n) -> Transformer.mutate("insert " + n + " into " + table, x -> x.insert(table, n)));
    }

    static <S extends RowWrites> Action.Dependent<S> updateStep() {
        return new RowChange<>("update", RowWrites::update);
    }

    static <S extends RowWrites> Action.Dependent<S> deleteStep() {
        return new RowChange<>("delete", RowWrites::delete);
    }

    /** Update or delete: a row of a table that has rows. */
    record RowChange<S extends RowWrites>(String name, RowStep step) implements Action.Dependent<S> {
        @Override
        public boolean precondition(S s) {
            return !withRows(s).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<S>> transformer(S s) {
            return Combinators.combine(Arbitraries.of(withRows(s)), Arbitraries.integers().between(0, 5))
                    .as((table, pick) -> Transformer.mutate(name + " a row of " + table, x -> step.apply(x, table, pick)));
        }

        private static List<String> withRows(RowWrites s) {
            return s.writableTables().stream().filter(s::hasRows).toList();
        }
    }

    interface RowStep {
        void apply(RowWrites s, String table, int pick);
    }
}
