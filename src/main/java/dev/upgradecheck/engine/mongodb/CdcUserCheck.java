package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;
import org.bson.Document;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CDC user needs find and changeStream on what it captures (readAnyDatabase, or read on each database) and
 * find on local (read on local: readAnyDatabase does not cover it). An upgrade keeps users, but a restore or an Atlas
 * migration may not, so this runs before and after.
 */
final class CdcUserCheck {

    static final Check<MongoContext> CHECK = Check.of("mongo.cdc_user",
            "CDC user can read the captured databases and local", CdcUserCheck::evaluate);

    /** The connected user's own privileges (2.6+; showPrivileges 2.6+); needs no privilege. */
    static final String CONNECTION_STATUS = """
            { connectionStatus: 1, showPrivileges: true }
            """;
    /** Another user's privileges; needs viewUser on that user's database. */
    static final String USERS_INFO = """
            { usersInfo: { user: "", db: "" }, showPrivileges: true }
            """;

    private static final String EXPECTED = "find and changeStream on each captured database; find on local.oplog.rs";

    private CdcUserCheck() {
    }

    private record Subject(MongoUser user, List<String> roles, Privileges privileges) {
    }

    static Outcome evaluate(MongoContext ctx) {
        Subject subject;
        String cdcUser = ctx.options().cdcUser();
        MongoUser requested = cdcUser == null ? null : MongoUser.parse(cdcUser, "admin");
        if (requested == null || requested.equals(ctx.user())) {
            Document authInfo = ctx.run("admin", CONNECTION_STATUS, "none", "admin").get("authInfo", Document.class);
            List<Document> users = authInfo == null ? List.of() : authInfo.getList("authenticatedUsers", Document.class, List.of());
            if (users.isEmpty()) {
                return Outcome.skip("the connection is not authenticated (access control off, or no --user): "
                        + "connect as the CDC user, or name it with --cdc-user");
            }
            Document u = users.get(0);
            subject = new Subject(new MongoUser(u.getString("user"), u.getString("db")),
                    roles(authInfo.getList("authenticatedUserRoles", Document.class, List.of())),
                    new Privileges(authInfo.getList("authenticatedUserPrivileges", Document.class, List.of())));
        } else {
            Document command = Document.parse(USERS_INFO);
            command.put("usersInfo", new Document("user", requested.name()).append("db", requested.database()));
            Document reply = ctx.run(requested.database(), command.toJson(), "userAdmin", requested.database());
            List<Document> users = reply.getList("users", Document.class, List.of());
            if (users.isEmpty()) {
                return Outcome.fail("no user " + requested, EXPECTED, "the CDC user does not exist",
                        "db.getSiblingDB(" + Shell.str(requested.database()) + ").createUser({user: "
                                + Shell.str(requested.name()) + ", pwd: passwordPrompt(), roles: [{role: \"readAnyDatabase\", "
                                + "db: \"admin\"}, {role: \"read\", db: \"local\"}]})");
            }
            Document u = users.get(0);
            subject = new Subject(requested, roles(u.getList("inheritedRoles", Document.class, List.of())),
                    new Privileges(u.getList("inheritedPrivileges", Document.class, List.of())));
        }
        return judge(ctx, subject);
    }

    private static Outcome judge(MongoContext ctx, Subject subject) {
        List<StreamScope> scopes = ctx.captureScopes();
        Set<String> missingDbs = new LinkedHashSet<>();
        for (StreamScope scope : scopes) {
            for (String action : List.of("find", "changeStream")) {
                if (!subject.privileges().allows(action, scope.database(), scope.collection())) {
                    missingDbs.add(scope.database());
                }
            }
        }
        boolean local = subject.privileges().allows("find", "local", "oplog.rs");
        String observed = subject.user() + " with roles " + (subject.roles().isEmpty() ? "(none)" : String.join(", ", subject.roles()));
        if (missingDbs.isEmpty() && local) {
            return Outcome.pass(observed + " (checked " + (scopes.isEmpty() ? "local only" : scopes.size() + " scope(s) and local") + ")")
                    .expecting(EXPECTED);
        }
        Findings findings = new Findings().pass(observed);
        if (!missingDbs.isEmpty()) {
            if (ctx.options().get(MongoOptions.COLLECTIONS).isEmpty()) {
                findings.fail("no find/changeStream on " + String.join(", ", missingDbs),
                        Shell.grantRole(subject.user(), "readAnyDatabase", "admin"));
            } else {
                missingDbs.forEach(db -> findings.fail("no find/changeStream on " + db,
                        Shell.grantRole(subject.user(), "read", db)));
            }
        }
        if (!local) {
            findings.fail("no find on local.oplog.rs", Shell.grantRole(subject.user(), "read", "local"));
        }
        return findings.outcome(EXPECTED);
    }

    private static List<String> roles(List<Document> roles) {
        return roles.stream().map(r -> r.getString("role") + "@" + r.getString("db")).toList();
    }
}
