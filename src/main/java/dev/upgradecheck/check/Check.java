package dev.upgradecheck.check;

/**
 * A check: a stable id, a title, and a small function from an engine's context to an outcome.
 * The context type is the engine's own (a live session, a baseline comparison...).
 */
public record Check<C>(String id, String title, Evaluation<C> evaluation) {

    @FunctionalInterface
    public interface Evaluation<C> {
        Outcome evaluate(C context) throws Exception;
    }

    public static <C> Check<C> of(String id, String title, Evaluation<C> evaluation) {
        return new Check<>(id, title, evaluation);
    }
}
