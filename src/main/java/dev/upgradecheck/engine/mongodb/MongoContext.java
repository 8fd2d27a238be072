package dev.upgradecheck.engine.mongodb;

import com.mongodb.MongoCommandException;
import dev.upgradecheck.engine.TargetOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the checks of one run share: the server's answers (each command sent once), the user's options and whether
 * we are before the upgrade (precheck) or after it (verify). The one place commands run: a refusal for lack of a
 * privilege becomes {@link MissingPrivilege}, naming the role that fixes it.
 */
final class MongoContext {

    enum Phase { BEFORE, AFTER }

    private final AdminCommands commands;
    private final Document hello;
    private final Document buildInfo;
    private final boolean atlas;
    private final MongoUser user;
    private final TargetOptions options;
    private final Phase phase;
    private final Map<String, Object> answers = new HashMap<>();

    MongoContext(AdminCommands commands, Document hello, Document buildInfo, boolean atlas, MongoUser user,
                 TargetOptions options, Phase phase) {
        this.commands = commands;
        this.hello = hello;
        this.buildInfo = buildInfo;
        this.atlas = atlas;
        this.user = user;
        this.options = options;
        this.phase = phase;
    }

    /** Runs a command; Unauthorized (13) names {@code role} on {@code roleDb} as the fix. */
    Document run(String database, String command, String role, String roleDb) {
        try {
            return commands.run(database, Document.parse(command));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == MongoErrors.UNAUTHORIZED) {
                throw new MissingPrivilege(role, roleDb, e);
            }
            throw e;
        }
    }

    /** The same command's answer for every check that needs it (a refusal is thrown again to each). */
    @SuppressWarnings("unchecked")
    <T> T once(String key, Supplier<T> answer) {
        // no computeIfAbsent: one answer may need another (scopes need listDatabases)
        Object cached = answers.get(key);
        if (cached == null) {
            try {
                cached = answer.get();
            } catch (RuntimeException e) {
                cached = e;
            }
            answers.put(key, cached);
        }
        if (cached instanceof RuntimeException e) {
            throw e;
        }
        return (T) cached;
    }

    AdminCommands commands() {
        return commands;
    }

    Document hello() {
        return hello;
    }

    Hello.Topology topology() {
        return Hello.topology(hello);
    }

    String version() {
        return buildInfo.getString("version");
    }

    boolean atlas() {
        return atlas;
    }

    MongoUser user() {
        return user;
    }

    TargetOptions options() {
        return options;
    }

    Phase phase() {
        return phase;
    }

    /** The change-stream scopes to look at: --collections, else the databases the user may read. */
    List<StreamScope> captureScopes() {
        return once("scopes", () -> {
            List<StreamScope> scopes = new ArrayList<>();
            if (!options.get(MongoOptions.COLLECTIONS).isEmpty()) {
                options.get(MongoOptions.COLLECTIONS).forEach(c -> scopes.add(StreamScope.parseCollection(c)));
                return scopes;
            }
            for (String db : ReadableDatabases.list(this)) {
                if (!StreamScope.INTERNAL_DATABASES.contains(db)) {
                    scopes.add(StreamScope.database(db));
                }
            }
            return scopes;
        });
    }
}
