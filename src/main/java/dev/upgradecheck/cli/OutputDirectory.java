package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The directory a file the tool writes goes into, made before any connection so a bad path fails first. */
final class OutputDirectory {

    private OutputDirectory() {
    }

    /** Creates {@code file}'s missing parent directories; a path that cannot be one is a usage error naming the option. */
    static void createFor(Path file, String option) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new BadInputException("cannot create the directory " + parent + " for " + option + ": "
                    + e.getClass().getSimpleName());
        }
    }
}
