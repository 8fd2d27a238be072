package dev.upgradecheck.check;

import java.util.ArrayList;
import java.util.List;

/** Runs the selected checks against one context; a check that throws becomes ERROR, never PASS. */
public final class CheckRunner {

    private final CheckSelection selection;
    private final ErrorTranslator errors;

    public CheckRunner(CheckSelection selection, ErrorTranslator errors) {
        this.selection = selection;
        this.errors = errors;
    }

    public <C> List<CheckResult> run(List<Check<C>> checks, C context) {
        List<CheckResult> results = new ArrayList<>();
        for (Check<C> check : checks) {
            if (selection.includes(check.id())) {
                long start = System.nanoTime();
                Outcome outcome = evaluate(check, context);
                results.add(CheckResult.of(check.id(), check.title(), outcome)
                        .withElapsed(java.time.Duration.ofNanos(System.nanoTime() - start)));
            }
        }
        return results;
    }

    private <C> Outcome evaluate(Check<C> check, C context) {
        try {
            return check.evaluation().evaluate(context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error("interrupted", null);
        } catch (Exception e) {
            return errors.translate(e);
        }
    }
}
