package dev.upgradecheck.plan;

import java.util.List;

/** The output of {@code plan}: a title, notes that apply to the whole upgrade, and numbered steps. */
public record Runbook(String engine, String title, List<String> notes, List<Step> steps) {

    public Runbook {
        notes = List.copyOf(notes);
        steps = List.copyOf(steps);
    }
}
