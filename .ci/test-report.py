#!/usr/bin/env python3
"""Test results from the JUnit XML reports of surefire and failsafe, counted per testcase.

A report's <testsuite> header is not enough: for a class mixing jqwik properties and JUnit tests it holds the
counts of the last engine's run only. So every <testcase> is read.

  test-report.py summary [DIR...]          Markdown table per class (for $GITHUB_STEP_SUMMARY)
  test-report.py require CLASS... [-- DIR...]  exit 1 naming each CLASS that did not run, or skipped a test
DIR defaults to target/surefire-reports and target/failsafe-reports.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

DEFAULT_DIRS = ["target/surefire-reports", "target/failsafe-reports"]


def testcases(dirs):
    """(class, test, outcome) for every testcase; outcome is passed, failed, error or skipped."""
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(d, "TEST-*.xml"))):
            for case in ET.parse(path).getroot().iter("testcase"):
                outcome = "passed"
                for kind, tag in (("failed", "failure"), ("error", "error"), ("skipped", "skipped")):
                    if case.find(tag) is not None:
                        outcome = kind
                yield case.get("classname", "?"), case.get("name", "?"), outcome


def per_class(cases):
    counts = {}
    for cls, _, outcome in cases:
        c = counts.setdefault(cls, {"tests": 0, "failed": 0, "error": 0, "skipped": 0})
        c["tests"] += 1
        if outcome != "passed":
            c[outcome] += 1
    return counts


def summary(dirs):
    counts = per_class(testcases(dirs))
    total = {k: sum(c[k] for c in counts.values()) for k in ("tests", "failed", "error", "skipped")}
    print("### Test results")
    print()
    print("%(tests)d tests, %(failed)d failures, %(error)d errors, %(skipped)d skipped" % total)
    print()
    print("| class | tests | failures | errors | skipped |")
    print("|---|---:|---:|---:|---:|")
    for cls in sorted(counts):
        c = counts[cls]
        print("| %s | %d | %d | %d | %d |" % (cls, c["tests"], c["failed"], c["error"], c["skipped"]))
    return 0


def require(classes, dirs):
    cases = list(testcases(dirs))
    problems = []
    for wanted in classes:
        mine = [(t, o) for cls, t, o in cases if cls == wanted or cls.endswith("." + wanted)]
        if not any(o != "skipped" for _, o in mine):
            problems.append("%s: no test ran" % wanted)
        problems += ["%s: skipped %s" % (wanted, t) for t, o in mine if o == "skipped"]
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


def main(argv):
    if len(argv) >= 1 and argv[0] == "summary":
        return summary(argv[1:] or DEFAULT_DIRS)
    if len(argv) >= 2 and argv[0] == "require":
        rest = argv[1:]
        classes, dirs = (rest[:rest.index("--")], rest[rest.index("--") + 1:]) if "--" in rest else (rest, [])
        return require(classes, dirs or DEFAULT_DIRS)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
