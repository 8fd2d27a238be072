package dev.upgradecheck.cli;

import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.Redactor;
import dev.upgradecheck.engine.SourceInspector;

/** An engine plus, when a URL was given, an open read-only session; what every command starts from. */
final class Source implements AutoCloseable {

    private final SourceInspector inspector;
    private final InspectionSession session;

    private Source(SourceInspector inspector, InspectionSession session) {
        this.inspector = inspector;
        this.session = session;
    }

    /** The engine only (no connection), for offline plan and advice. */
    static SourceInspector engine(Cli cli, ConnectionOptions connection) {
        return cli.engines().find(connection.engine);
    }

    /** Finds the engine, checks the URL, resolves the password (masking it from then on) and connects. */
    static Source connect(Cli cli, ConnectionOptions connection) {
        SourceInspector inspector = engine(cli, connection);
        ConnectionSpec spec = connection.spec(cli, connection.engine.trim().toLowerCase(java.util.Locale.ROOT));
        cli.redactor(Redactor.forUrl(spec.url(), spec.password()));
        inspector.validateUrl(spec.url());
        return new Source(inspector, inspector.open(spec));
    }

    SourceInspector inspector() {
        return inspector;
    }

    InspectionSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }
}
