package dev.upgradecheck.engine;

import dev.upgradecheck.check.CheckSelection;

/** One request to an open session: the user's options and which checks to run (--only/--skip). */
public record Inspection(TargetOptions options, CheckSelection selection) {
}
