package dev.upgradecheck.plan;

/**
 * How a runbook's upgrade-check commands name the source. With --url: its URL, without any password, and the
 * user, so the on-call engineer pastes them as they stand. Offline: placeholders that are visibly placeholders
 * (a shell refuses {@code <url>} pasted unfilled).
 */
public record RunbookSource(String url, String user) {

    public static final RunbookSource PLACEHOLDER = new RunbookSource(null, null);

    /** {@code --url ... --user ...} as shell words. */
    public String options() {
        if (url == null) {
            return "--url <url> --user <user>";
        }
        return "--url " + ShellWord.quote(url) + (user == null ? "" : " --user " + ShellWord.quote(user));
    }
}
