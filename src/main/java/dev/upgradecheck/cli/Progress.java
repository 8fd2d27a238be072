package dev.upgradecheck.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/** A fleet run's progress bar on standard error, shown only on a terminal: nothing on a pipe or in CI logs. */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(int total, PrintWriter err) {
        if (!Terminal.attached() || total < 2) {
            return new Progress(null);
        }
        err.flush();
        return new Progress(new ProgressBarBuilder().setTaskName("targets").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .hideEta().build());
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
