package dev.upgradecheck.fleet;

import dev.upgradecheck.value.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --shard K/N}: this CI job takes every N-th target starting at the K-th (1-based). */
public record Shard(int index, int count) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,4})/(\\d{1,4})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("invalid shard " + index + "/" + count + ": write K/N with 1 <= K <= N");
        }
    }

    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid shard '" + UserText.shown(text, 40) + "': write K/N, e.g. 2/4");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public <T> List<T> select(List<T> all) {
        List<T> mine = new ArrayList<>();
        for (int i = index - 1; i < all.size(); i += count) {
            mine.add(all.get(i));
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
