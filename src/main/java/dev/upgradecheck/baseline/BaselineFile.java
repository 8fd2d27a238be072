package dev.upgradecheck.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.value.UserText;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes baseline files; every way a file can be wrong is a one-line exit-2 error. */
public final class BaselineFile {

    /** Far above any real baseline; refuses to parse a file someone mistook for one. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private BaselineFile() {
    }

    public static Baseline read(Path path, String expectedEngine) {
        String name = path.toString();
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new BadInputException("baseline " + name + " is " + size + " bytes; a baseline is at most "
                        + MAX_BYTES + " bytes: is this the right file?");
            }
            JsonNode root = Json.mapper().readTree(path.toFile());
            if (root == null || !root.isObject()) {
                throw new BadInputException("baseline " + name + " is not a JSON object: is this the right file?");
            }
            Baseline baseline = Json.mapper().treeToValue(root, Baseline.class);
            validate(baseline, name, expectedEngine);
            return baseline;
        } catch (NoSuchFileException e) {
            throw new BadInputException("baseline " + name + " does not exist");
        } catch (AccessDeniedException e) {
            throw new BadInputException("baseline " + name + " cannot be read: permission denied");
        } catch (JsonProcessingException e) {
            throw new BadInputException("baseline " + name + " is corrupt: " + UserText.firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadInputException("baseline " + name + " cannot be read: " + UserText.firstLine(e.getMessage()));
        }
    }

    private static void validate(Baseline b, String name, String expectedEngine) {
        if (b.schemaVersion() != Baseline.SCHEMA_VERSION) {
            throw new BadInputException("baseline " + name + " has schemaVersion " + b.schemaVersion()
                    + "; this upgrade-check reads schemaVersion " + Baseline.SCHEMA_VERSION);
        }
        if (b.engine() == null || b.state() == null || b.capturedAt() == null) {
            throw new BadInputException("baseline " + name + " is incomplete: engine, capturedAt and state are required");
        }
        if (expectedEngine != null && !expectedEngine.equals(b.engine())) {
            throw new BadInputException("baseline " + name + " was taken from a " + b.engine()
                    + " source, not " + expectedEngine);
        }
    }

    /** Writes atomically (temp file, then move) so a crash never leaves half a baseline. */
    public static void write(Path path, Baseline baseline) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, ".baseline", ".tmp");
            try {
                Json.mapper().writeValue(tmp.toFile(), baseline);
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write baseline " + path + ": " + UserText.firstLine(e.getMessage()));
        }
    }
}
