package dev.upgradecheck.check;

/**
 * A check: a stable id, a title, and a small function from an engine's context to an outcome.
 * The context type is the engine's own (a live session, a baseline comparison...). {@code formerId} is the id it
 * had in the previous release (null if none), still accepted by {@code --only}/{@code --skip} for one release.
 */
public record Check<C>(String id, String title, Evaluation<C> evaluation, String formerId) {

    @FunctionalInterface
    public interface Evaluation<C> {
        Outcome evaluate(C context) throws Exception;
    }

    public static <C> Check<C> of(String id, String title, Evaluation<C> evaluation) {
        return new Check<>(id, title, evaluation, null);
    }

    /** The same check, also selected by the id it had before it was renamed. */
    public Check<C> formerly(String id) {
        return new Check<>(this.id, title, evaluation, id);
    }
}
