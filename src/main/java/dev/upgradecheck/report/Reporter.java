package dev.upgradecheck.report;

import java.util.List;

/** Renders reports in one format. Reporters know no engine; they only read the check model. */
public interface Reporter {

    /** One or more reports (a fleet run has one per target) rendered as one document. */
    String render(List<Report> reports);
}
