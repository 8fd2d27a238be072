package dev.upgradecheck.value;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as people write it on a command line: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 2h},
 * {@code 1d}, or a combination such as {@code 1h30m}.
 */
public record HumanDuration(Duration duration) implements Comparable<HumanDuration> {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final long MAX_SECONDS = Duration.ofDays(3650).toSeconds();

    public HumanDuration {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or positive");
        }
    }

    public static HumanDuration of(Duration duration) {
        return new HumanDuration(duration);
    }

    /** Parses the text, or throws {@link IllegalArgumentException} naming the accepted forms. */
    public static HumanDuration parse(String text) {
        if (text == null || text.isBlank() || text.length() > 64) {
            throw invalid(text);
        }
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw invalid(text);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end == 0 || end != s.length()) {
            throw invalid(text);
        }
        if (total.toSeconds() > MAX_SECONDS) {
            throw new IllegalArgumentException("duration '" + text + "' is longer than ten years");
        }
        return new HumanDuration(total);
    }

    private static IllegalArgumentException invalid(String text) {
        String shown = UserText.shown(text, 64);
        return new IllegalArgumentException(
                "invalid duration '" + shown + "': write e.g. 500ms, 5s, 2m, 2h, 1d or 1h30m");
    }

    @Override
    public int compareTo(HumanDuration other) {
        return duration.compareTo(other.duration);
    }

    /** The shortest exact form: {@code 90m} prints as {@code 1h30m}. */
    @Override
    public String toString() {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long ms = duration.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i]) {
                sb.append(ms / units[i]).append(names[i]);
                ms %= units[i];
            }
        }
        return sb.toString();
    }
}
