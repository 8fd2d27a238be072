package dev.upgradecheck.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/**
 * A progress bar on standard error, shown only on a terminal: nothing on a pipe or in CI logs. A fleet run counts its
 * targets; drain, which cannot know its total, shows a spinner with how far behind the reader is.
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(int total, PrintWriter err) {
        if (System.console() == null || total < 2) {
            return new Progress(null);
        }
        err.flush();
        return new Progress(new ProgressBarBuilder().setTaskName("targets").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .hideEta().build());
    }

    /** A bar without a total, for a wait whose end is not known; {@link #say} updates its message. */
    static Progress waiting(String task, PrintWriter err) {
        if (System.console() == null) {
            return new Progress(null);
        }
        err.flush();
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .hideEta().build());
    }

    /** Whether a bar is shown (a terminal): a pipe gets one line per change instead. */
    boolean shown() {
        return bar != null;
    }

    synchronized void say(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
        }
    }

    synchronized void step(String target) {
        if (bar != null) {
            bar.setExtraMessage(target == null ? "" : target);
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
