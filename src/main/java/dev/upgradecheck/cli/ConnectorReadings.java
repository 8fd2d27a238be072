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
import dev.upgradecheck.value.UserText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A target's connector, read from Kafka Connect when the user gave --connect-url, and the connect.* checks on it. */
final class ConnectorReadings {

    private ConnectorReadings() {
    }

    /** Reads the connector (GET only); a connector that another engine's plugin claims is refused as bad input. */
    static Optional<PipelineReading> read(Cli cli, ResolvedTarget target) {
        return target.connector().map(connect -> read(cli, target.inspector(), connect));
    }

    static PipelineReading read(Cli cli, SourceInspector engine, ConnectTarget connect) {
        PipelineReading reading = client(cli, connect).read(connect.connector());
        String connectorClass = reading.view().connectorClass();
        Optional<SourceInspector> owner = cli.engines().ownerOfConnector(connectorClass);
        if (owner.isPresent() && owner.get() != engine) {
            throw new BadInputException("connector '" + UserText.shown(connect.connector(), 100) + "' is a "
                    + owner.get().engine() + " connector (" + connectorClass + "), not " + engine.engine()
                    + ": is it the right --connector?");
        }
        return reading;
    }

    static ConnectClient client(Cli cli, ConnectTarget connect) {
        return new ConnectClient(connect.endpoint(), secret -> cli.mask(null, secret));
    }

    /**
     * The generic connect.* checks, then the engine's own on the connector's configuration and offsets (in verify,
     * with the baseline).
     */
    static List<CheckResult> checks(ResolvedTarget target, PipelineReading reading, InspectionSession session,
                                    Inspection inspection, ConnectorStateChecks.Moment moment,
                                    Optional<Baseline> baseline) {
        CheckSelection selection = inspection.selection();
        List<CheckResult> results = new ArrayList<>(ConnectorStateChecks.run(reading,
                new ConnectCurl(target.connector().orElseThrow()), moment, selection));
        session.connectorChecks(reading.view(), inspection, baseline).stream()
                .filter(r -> selection.includes(r.id()))
                .forEach(results::add);
        return results;
    }
}
