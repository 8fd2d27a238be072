package dev.upgradecheck.advice;

import java.util.List;

/** The verdict for one table, with one reason per rule that fired. */
public record TableAdvice(String table, Verdict verdict, List<String> reasons) {

    public TableAdvice {
        reasons = List.copyOf(reasons);
    }
}
