package dev.upgradecheck.report;

import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.Status;
import dev.upgradecheck.check.Summary;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

/**
 * JUnit XML so CI systems show the checklist as a test report: one testsuite per source, one testcase
 * per check. FAIL is a failure, ERROR an error, SKIP skipped; WARN is a failure only under --fail-on warn.
 */
public final class JUnitReporter implements Reporter {

    @Override
    public String render(List<Report> reports) {
        StringWriter buffer = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(buffer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "upgrade-check");
            for (Report report : reports) {
                writeSuite(xml, report);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return buffer + "\n";
    }

    private static void writeSuite(XMLStreamWriter xml, Report report) throws XMLStreamException {
        Summary s = report.summary();
        boolean warnFails = report.failOn() == dev.upgradecheck.check.FailOn.WARN;
        // named by the source (the fleet's target name, else host/database) so that two jobs' suites differ
        String suiteName = "upgrade-check." + report.command() + "." + report.engine()
                + (report.sourceName() == null ? "" : "." + report.sourceName());
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", suiteName);
        xml.writeAttribute("tests", String.valueOf(report.checks().size()));
        xml.writeAttribute("failures", String.valueOf(s.fail() + (warnFails ? s.warn() : 0)));
        xml.writeAttribute("errors", String.valueOf(s.error()));
        xml.writeAttribute("skipped", String.valueOf(s.skip()));
        xml.writeAttribute("time", seconds(report.checks().stream().map(CheckResult::elapsed)
                .filter(java.util.Objects::nonNull).reduce(Duration.ZERO, Duration::plus)));
        for (CheckResult c : report.checks()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", suiteName);
            xml.writeAttribute("name", c.id() + ": " + c.title());
            xml.writeAttribute("time", seconds(c.elapsed() == null ? Duration.ZERO : c.elapsed()));
            String message = message(c);
            switch (c.status()) {
                case FAIL -> element(xml, "failure", message, body(c));
                case ERROR -> element(xml, "error", message, body(c));
                case SKIP -> element(xml, "skipped", message, null);
                case WARN -> element(xml, warnFails ? "failure" : "system-out", message, body(c));
                case PASS -> {
                    if (c.observed() != null) {
                        element(xml, "system-out", null, "observed: " + c.observed());
                    }
                }
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void element(XMLStreamWriter xml, String name, String message, String text)
            throws XMLStreamException {
        xml.writeStartElement(name);
        if (message != null && !name.equals("system-out")) {
            xml.writeAttribute("message", message);
        }
        String content = name.equals("system-out") && message != null
                ? message + (text == null ? "" : "\n" + text) : text;
        if (content != null) {
            xml.writeCharacters(content);
        }
        xml.writeEndElement();
    }

    /** One line a CI's test view shows without opening the case: why, what was seen and wanted, and the fix. */
    private static String message(CheckResult c) {
        if (c.status() == Status.SKIP) {
            return c.detail() == null ? "skipped" : c.detail();
        }
        StringBuilder m = new StringBuilder(c.status().name()).append(": ")
                .append(c.detail() == null ? c.title() : c.detail());
        if (c.observed() != null) {
            m.append("; observed: ").append(c.observed());
        }
        if (c.expected() != null) {
            m.append("; expected: ").append(c.expected());
        }
        if (c.remedy() != null) {
            m.append("; remedy: ").append(c.remedy().strip().replaceAll("\\s*\\R\\s*", " "));
        }
        return m.toString();
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }

    private static String body(CheckResult c) {
        StringBuilder b = new StringBuilder();
        if (c.detail() != null) {
            b.append(c.detail()).append('\n');
        }
        if (c.observed() != null) {
            b.append("observed: ").append(c.observed()).append('\n');
        }
        if (c.expected() != null) {
            b.append("expected: ").append(c.expected()).append('\n');
        }
        if (c.remedy() != null) {
            b.append("remedy: ").append(c.remedy()).append('\n');
        }
        return b.toString();
    }
}
