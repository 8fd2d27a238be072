package dev.upgradecheck.scenario;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;

import java.util.List;

/**
 * The row writes every engine's scenario makes into its captured tables, and the steps that generate them: inserts,
 * and updates or deletes of a row picked by position (so a step shrinks).
 */
interface RowWrites {

    List<String> writableTables();

    boolean hasRows(String table);

    void insert(String table, int count);

    void update(String table, int pick);

    void delete(String table, int pick);

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
