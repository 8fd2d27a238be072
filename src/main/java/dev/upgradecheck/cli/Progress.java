package dev.upgradecheck.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A progress bar on standard error, shown whenever standard error is a terminal (stdout may be a file or a pipe
 * to jq): nothing in CI logs. A fleet run counts its targets, names those still running, and its clock moves
 * between steps; drain, which cannot know its total, shows a spinner with how far behind the reader is.
 */
final class Progress implements AutoCloseable {

    /** How much of the running targets' names the bar shows. */
    private static final int MAX_NAMES = 60;

    private final ProgressBar bar;
    private final Set<String> running = new ConcurrentSkipListSet<>();

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(int total, PrintWriter err) {
        if (!stderrIsTerminal() || total < 2) {
            return new Progress(null);
        }
        err.flush();
        return new Progress(new ProgressBarBuilder().setTaskName("targets").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .continuousUpdate().hideEta().build());
    }

    /**
     * Linux names a descriptor's terminal in /proc; elsewhere a console (stdin and stdout on a terminal) is the
     * best the JDK can tell.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return Terminal.attached();
        }
    }

    synchronized void started(String target) {
        if (bar != null && target != null) {
            running.add(target);
            bar.setExtraMessage(runningNames());
        }
    }

    /** A bar without a total, for a wait whose end is not known; {@link #say} updates its message. */
    static Progress waiting(String task, PrintWriter err) {
        if (!stderrIsTerminal()) {
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
            running.remove(target);
            bar.setExtraMessage(runningNames());
            bar.step();
        }
    }

    /** "running: a, b, c" cut to fit beside the bar. */
    String runningNames() {
        String names = String.join(", ", running);
        return running.isEmpty() ? "" : "running: "
                + (names.length() > MAX_NAMES ? names.substring(0, MAX_NAMES - 3) + "..." : names);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
