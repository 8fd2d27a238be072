package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.SourceInspector;
import dev.upgradecheck.pipeline.ConnectClient;
import dev.upgradecheck.pipeline.ConnectCurl;
import dev.upgradecheck.pipeline.ConnectTarget;
import dev.upgradecheck.pipeline.ConnectorStateChecks;
import dev.upgradecheck.pipeline.PipelineReading;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.value.UserText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A target's CDC reader: its connector read from Kafka Connect when the user gave --connect-url, or a Debezium engine
 * read from its own files (--debezium-config), and the connect.* checks on it.
 */
final class ConnectorReadings {

    private ConnectorReadings() {
    }

    /**
     * Reads the connector (GET only) or the engine's files; a connector that another engine's plugin claims is
     * refused as bad input. A reading from files has no worker: no version, no task, no state.
     */
    static Optional<PipelineReading> read(Cli cli, ResolvedTarget target) {
        if (target.files() != null) {
            PipelineView view = target.files().read(secret -> cli.mask(null, secret));
            return Optional.of(claimed(cli, target.inspector(), new PipelineReading(view, null, List.of(), false),
                    "--debezium-config " + target.files().config()));
        }
        return target.connector().map(connect -> read(cli, target.inspector(), connect));
    }

    static PipelineReading read(Cli cli, SourceInspector engine, ConnectTarget connect) {
        return claimed(cli, engine, client(cli, connect).read(connect.connector()),
                "--connector '" + UserText.shown(connect.connector(), 100) + "'");
    }

    private static PipelineReading claimed(Cli cli, SourceInspector engine, PipelineReading reading, String given) {
        String connectorClass = reading.view().connectorClass();
        Optional<SourceInspector> owner = cli.engines().ownerOfConnector(connectorClass);
        if (owner.isPresent() && owner.get() != engine) {
            throw new BadInputException(given + " is a " + owner.get().engine() + " connector (" + connectorClass
                    + "), not " + engine.engine() + ": is it the right reader?");
        }
        return reading;
    }

    /** The reader's offsets read again, for drain's polling: one GET, or the offsets file once more. */
    static UnaryOperator<PipelineView> refresher(Cli cli, ResolvedTarget target) {
        if (target.files() != null) {
            return view -> target.files().read(secret -> cli.mask(null, secret));
        }
        ConnectClient client = target.connector().map(c -> client(cli, c)).orElse(null);
        return view -> client.refreshOffsets(view);
    }

    static ConnectClient client(Cli cli, ConnectTarget connect) {
        return new ConnectClient(connect.endpoint(), secret -> cli.mask(null, secret));
    }

    /**
     * The generic connect.* checks on what Kafka Connect said (none for a reading from files: no worker reports a
     * state), then the engine's own on the connector's configuration and offsets (in verify, with the baseline).
     */
    static List<CheckResult> checks(ResolvedTarget target, PipelineReading reading, InspectionSession session,
                                    Inspection inspection, ConnectorStateChecks.Moment moment,
                                    Optional<Baseline> baseline) {
        CheckSelection selection = inspection.selection();
        List<CheckResult> results = new ArrayList<>();
        target.connector().ifPresent(connect -> results.addAll(ConnectorStateChecks.run(reading,
                new ConnectCurl(connect), moment, selection)));
        session.connectorChecks(reading.view(), inspection, baseline).stream()
                .filter(r -> selection.includes(r.id()))
                .forEach(results::add);
        return results;
    }
}
