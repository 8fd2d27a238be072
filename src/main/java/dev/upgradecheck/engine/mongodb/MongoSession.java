package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.engine.Platform;
import com.mongodb.MongoException;
import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckRunner;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.value.UserText;
import org.bson.BsonDocument;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One read-only MongoDB connection: runs the checks, records and tests baselines, advises on snapshots. */
final class MongoSession implements InspectionSession {

    private final AdminCommands commands;
    private final AutoCloseable client;
    private final Document hello;
    private final Document buildInfo;
    private final boolean atlas;
    private final MongoUser user;

    MongoSession(AdminCommands commands, AutoCloseable client, Document hello, Document buildInfo, boolean atlas,
                 MongoUser user) {
        this.commands = commands;
        this.client = client;
        this.hello = hello;
        this.buildInfo = buildInfo;
        this.atlas = atlas;
        this.user = user;
    }

    MongoContext context(TargetOptions options, MongoContext.Phase phase) {
        return new MongoContext(commands, hello, buildInfo, atlas, user, options, phase);
    }

    @Override
    public ServerInfo server() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("topology", Hello.topology(hello).name().toLowerCase(java.util.Locale.ROOT));
        if (hello.getString("setName") != null) {
            details.put("replicaSet", hello.getString("setName"));
        }
        return new ServerInfo("MongoDB", buildInfo.getString("version"), (atlas ? Platform.ATLAS : Platform.SELF_HOSTED).id(), details);
    }

    @Override
    public List<CheckResult> precheck(Inspection inspection) {
        validate(inspection.options());
        return runner(inspection).run(MongoChecks.PRECHECK, context(inspection.options(), MongoContext.Phase.BEFORE));
    }

    @Override
    public List<CheckResult> verify(Inspection inspection, Optional<Baseline> baseline) {
        validate(inspection.options());
        MongoBaseline recorded = baseline.map(b -> b.stateAs(MongoBaseline.class)).orElse(null);
        MongoContext ctx = context(inspection.options(), MongoContext.Phase.AFTER);
        CheckRunner runner = runner(inspection);
        List<CheckResult> results = new ArrayList<>(runner.run(MongoChecks.VERIFY, ctx));
        results.addAll(runner.run(MongoChecks.BASELINE, new BaselineContext(ctx, recorded)));
        return results;
    }

    /** Bad option values are usage errors (exit 2), found before any check runs. */
    private static void validate(TargetOptions options) {
        if (options.targetVersion() != null) {
            ReleaseSeries.of(options.targetVersion());
        }
        options.get(MongoOptions.COLLECTIONS).forEach(StreamScope::parseCollection);
    }

    private CheckRunner runner(Inspection inspection) {
        return new CheckRunner(inspection.selection(), new MongoErrors(user));
    }

    /** Each value the server will not give is left null with the reason in notes: a baseline is never invented. */
    @Override
    public Object captureBaseline(TargetOptions options) {
        MongoContext ctx = context(options, MongoContext.Phase.BEFORE);
        List<String> notes = new ArrayList<>();
        String fcv = attempt(() -> FeatureCompatibilityCheck.read(ctx).version(), "featureCompatibilityVersion", notes);
        OplogTime last = attempt(() -> OplogWindowCheck.entry(ctx, OplogWindowCheck.LAST).orElseThrow(
                () -> new IllegalStateException("local.oplog.rs is empty or missing")), "lastOplogTime", notes);
        List<MongoBaseline.StreamPosition> streams = new ArrayList<>();
        List<StreamScope> scopes = attempt(ctx::captureScopes, "streams", notes);
        for (StreamScope scope : scopes == null ? List.<StreamScope>of() : scopes) {
            streams.add(position(ctx, scope));
        }
        return new MongoBaseline(buildInfo.getString("version"), fcv, last, streams, notes);
    }

    private static MongoBaseline.StreamPosition position(MongoContext ctx, StreamScope scope) {
        try {
            ChangeStreams.Result r = ChangeStreams.open(ctx, scope, null);
            if (r instanceof ChangeStreams.Refused refused) {
                return new MongoBaseline.StreamPosition(scope.toString(), null, "change stream refused: " + refused.message());
            }
            Optional<BsonDocument> token = ((ChangeStreams.Opened) r).token();
            return token.map(t -> new MongoBaseline.StreamPosition(scope.toString(), t.toJson(), null))
                    .orElseGet(() -> new MongoBaseline.StreamPosition(scope.toString(), null,
                            "the server returned no resume token (postBatchResumeToken) for " + scope));
        } catch (MissingPrivilege e) {
            return new MongoBaseline.StreamPosition(scope.toString(), null, "not authorized: " + e.getMessage());
        } catch (MongoException e) {
            return new MongoBaseline.StreamPosition(scope.toString(), null, UserText.firstLine(e.getMessage()));
        }
    }

    private static <T> T attempt(java.util.function.Supplier<T> value, String name, List<String> notes) {
        try {
            return value.get();
        } catch (MissingPrivilege e) {
            notes.add(name + ": not authorized: " + e.getMessage() + " (needs " + e.role() + " on " + e.roleDb() + ")");
        } catch (MongoException | IllegalStateException e) {
            notes.add(name + ": " + (e instanceof com.mongodb.MongoCommandException c ? MongoErrors.serverMessage(c)
                    : UserText.firstLine(e.getMessage())));
        }
        return null;
    }

    @Override
    public SnapshotAdvice adviseSnapshot(Inspection inspection, Optional<Baseline> baseline) {
        TargetOptions options = inspection.options();
        MongoBaseline recorded = baseline.map(b -> b.stateAs(MongoBaseline.class)).orElse(null);
        Optional<ReaderPosition> reader = inspection.reader()
                .map(v -> ReaderPosition.of(v, "the connector's committed offset"))
                .orElseGet(() -> baseline.map(Baseline::pipeline).flatMap(v -> ReaderPosition.of(v,
                        "the connector's committed offset recorded in the baseline")));
        MongoContext ctx = context(options, MongoContext.Phase.AFTER);
        return reader.isPresent() ? MongoSnapshotRules.fromReader(ctx, reader.get())
                : MongoSnapshotRules.live(ctx, recorded);
    }

    @Override
    public List<CheckResult> connectorChecks(PipelineView view, Inspection inspection) {
        return runner(inspection).run(ConnectorChecks.ALL,
                new ConnectorChecks.Context(context(inspection.options(), MongoContext.Phase.BEFORE), view));
    }

    /** The oplog gains a no-op entry every 10 seconds with no user write: its head cannot prove a drain. */
    @Override
    public DrainStatus drainStatus(Optional<PipelineView> view, TargetOptions options) {
        Optional<ReaderPosition> reader = view.flatMap(v -> ReaderPosition.of(v, "the connector's committed offset"));
        if (reader.isEmpty()) {
            return DrainStatus.unknown("MongoDB keeps no record of a change-stream reader's position: give "
                    + "--connect-url and --connector");
        }
        return DrainStatus.unknown(ConnectorChecks.behind(context(options, MongoContext.Phase.BEFORE), reader.get())
                + ": the oplog's newest entry cannot prove a drain; with writes stopped, the connector's sec/ord must "
                + "stop moving and snapshot-advice with --connect-url must say NOT_NEEDED");
    }

    @Override
    public PlanRequest withLiveNames(PlanRequest request) {
        String from = request.fromVersion() != null ? request.fromVersion()
                : ReleaseSeries.of(buildInfo.getString("version")).toString();
        Platform platform = atlas && request.platform() == Platform.SELF_HOSTED ? Platform.ATLAS : request.platform();
        return new PlanRequest(from, request.toVersion(), platform, request.gtid(), request.target());
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            // closing a client only releases sockets; nothing a user can act on
        }
    }
}
