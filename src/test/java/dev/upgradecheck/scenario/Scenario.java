package dev.upgradecheck.scenario;

/** One generated upgrade window on real servers, whatever the engine: its steps run, then it is judged. */
interface Scenario extends AutoCloseable {

    /** Closes the window: the tool's verdicts, then the reader resumes and the ground truth is counted. */
    Judgement judge();

    @Override
    void close();
}
