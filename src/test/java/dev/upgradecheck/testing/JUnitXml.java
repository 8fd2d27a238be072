package dev.upgradecheck.testing;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A JUnit XML report as a CI publisher reads it: validated against the junit-4 XSD, then parsed. */
public final class JUnitXml {

    private final Document document;

    private JUnitXml(Document document) {
        this.document = document;
    }

    /** Validates against src/test/resources/.../junit-4.xsd (an AssertionError naming the violation), then parses. */
    public static JUnitXml validated(String xml) {
        try {
            var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(JUnitXml.class.getResource("/dev/upgradecheck/report/junit-4.xsd"));
            schema.newValidator().validate(new StreamSource(new StringReader(xml)));
            return new JUnitXml(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not a valid JUnit report: " + e.getMessage() + "\n" + xml, e);
        }
    }

    public List<Element> suites() {
        return elements(document.getElementsByTagName("testsuite"));
    }

    public List<Element> testcases() {
        return elements(document.getElementsByTagName("testcase"));
    }

    /** The testcase whose name starts with this check id. */
    public Element testcase(String checkId) {
        return testcases().stream().filter(t -> t.getAttribute("name").startsWith(checkId + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no testcase for " + checkId));
    }

    /** The first child element with this tag (failure, error, skipped, system-out), or null. */
    public static Element child(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    private static List<Element> elements(NodeList list) {
        List<Element> all = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            all.add((Element) list.item(i));
        }
        return all;
    }
}
