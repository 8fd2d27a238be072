package dev.upgradecheck.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A JDBC {@link Connection} that answers each query with rows written from an engine's documentation (column names
 * and types as its catalog views are documented to return them; not captured from a server), for engines that cannot
 * run here. An answer is for one whole statement (white space folded) and the values bound to it, so a changed
 * WHERE, JOIN or column, or swapped parameters, find no answer.
 *
 * <pre>
 * RecordedCatalog db = new RecordedCatalog()
 *     .answer("SELECT LOG_MODE FROM V$DATABASE", RecordedCatalog.rows(List.of("LOG_MODE"), List.of("ARCHIVELOG")))
 *     .fail("SELECT PRIVILEGE FROM DBA_SYS_PRIVS WHERE GRANTEE = ?", List.of("CDC"),
 *           () -> new SQLException("ORA-01031: insufficient privileges", "42000", 1031));
 * </pre>
 * Test classes using it register {@link EveryQueryAnswered} (a query without an answer fails the test that sent it,
 * even when the engine turned the failure into an ERROR result) and, where they run the recorded database through
 * every command, {@link EveryAnswerAsked} (an answer no test of the class asked for fails the class).
 */
public final class RecordedCatalog {

    /** Rows as the driver would return them: column labels and values in order. */
    public record Rows(List<String> columns, List<List<Object>> values) {
    }

    /** A whole statement, white space folded, and the values bound to it in order (empty when none). */
    private record Key(String statement, List<Object> bound) {
        @Override
        public String toString() {
            return bound.isEmpty() ? statement : statement + "  bound " + bound;
        }
    }

    /**
     * For {@link #answer(String, List, Rows)}: the answer whatever values are bound, for a lookup by a name the test
     * chooses (a captured table, the CDC user); such tests assert the names through {@link #boundValues()}.
     */
    public static final List<Object> ANY_BOUND_VALUES = List.of(new Object() {
        @Override
        public String toString() {
            return "any values";
        }
    });

    /** Every catalog made, so the extensions below can find the ones a test or a class used. */
    private static final List<RecordedCatalog> MADE = Collections.synchronizedList(new ArrayList<>());

    private final Map<Key, Supplier<Object>> answers = new LinkedHashMap<>();
    private final Set<Key> used = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<List<Object>> boundValues = Collections.synchronizedList(new ArrayList<>());

    public RecordedCatalog() {
        MADE.add(this);
    }

    public static Rows rows(List<String> columns, List<?>... values) {
        List<List<Object>> list = new ArrayList<>();
        for (List<?> v : values) {
            if (v.size() != columns.size()) {
                throw new IllegalArgumentException("row " + v + " does not match columns " + columns);
            }
            list.add(new ArrayList<>(v));
        }
        return new Rows(List.copyOf(columns), list);
    }

    /** The answer to {@code statement} sent with no bound values. */
    public RecordedCatalog answer(String statement, Rows rows) {
        return answer(statement, List.of(), rows);
    }

    /** The answer to {@code statement} sent with exactly these bound values, in order. */
    public RecordedCatalog answer(String statement, List<?> bound, Rows rows) {
        answers.put(key(statement, bound), () -> rows);
        return this;
    }

    /** {@code statement}, sent with no bound values, fails so. */
    public RecordedCatalog fail(String statement, Supplier<SQLException> failure) {
        return fail(statement, List.of(), failure);
    }

    /** {@code statement}, sent with exactly these bound values, fails so. */
    public RecordedCatalog fail(String statement, List<?> bound, Supplier<SQLException> failure) {
        answers.put(key(statement, bound), failure::get);
        return this;
    }

    /** Every statement sent, in order, white space folded. */
    public List<String> sent() {
        return List.copyOf(sent);
    }

    /** The values bound to each statement sent, in order. */
    public List<List<Object>> boundValues() {
        return List.copyOf(boundValues);
    }

    public Connection connection() {
        return proxy(Connection.class, (p, m, args) -> switch (m.getName()) {
            case "prepareStatement" -> statement(PreparedStatement.class, (String) args[0]);
            case "createStatement" -> statement(Statement.class, null);
            case "isClosed", "isReadOnly" -> m.getName().equals("isReadOnly");
            case "isValid" -> true;
            case "unwrap" -> throw new SQLException("not a wrapper");
            case "isWrapperFor" -> false;
            default -> defaultValue(m);
        });
    }

    private <T extends Statement> T statement(Class<T> type, String preparedSql) {
        List<Object> params = new ArrayList<>();
        return proxy(type, (p, m, args) -> switch (m.getName()) {
            case "setObject", "setString", "setLong", "setInt", "setBoolean" -> {
                int index = (Integer) args[0];
                while (params.size() < index) {
                    params.add(null);
                }
                params.set(index - 1, args[1]);
                yield null;
            }
            case "executeQuery" -> resultSet(lookup(preparedSql != null ? preparedSql : (String) args[0], params));
            case "execute" -> {
                lookup(preparedSql != null ? preparedSql : (String) args[0], params);
                yield false;
            }
            default -> defaultValue(m);
        });
    }

    private Rows lookup(String sql, List<Object> params) throws SQLException {
        Key key = key(sql, params);
        sent.add(key.statement());
        boundValues.add(key.bound());
        Key answered = answers.containsKey(key) || key.bound().isEmpty() ? key
                : new Key(key.statement(), ANY_BOUND_VALUES);
        Supplier<Object> answer = answers.get(answered);
        if (answer == null) {
            unanswered.add(key.toString());
            throw new AssertionError("query without a recorded answer: " + key);
        }
        used.add(answered);
        Object reply = answer.get();
        if (reply instanceof SQLException failure) {
            throw failure;
        }
        return (Rows) reply;
    }

    private static ResultSet resultSet(Rows rows) {
        int[] cursor = {-1};
        ResultSetMetaData meta = proxy(ResultSetMetaData.class, (p, m, args) -> switch (m.getName()) {
            case "getColumnCount" -> rows.columns().size();
            case "getColumnLabel", "getColumnName" -> rows.columns().get((Integer) args[0] - 1);
            default -> defaultValue(m);
        });
        return proxy(ResultSet.class, (p, m, args) -> switch (m.getName()) {
            case "next" -> ++cursor[0] < rows.values().size();
            case "getMetaData" -> meta;
            case "getObject" -> args[0] instanceof Integer i
                    ? rows.values().get(cursor[0]).get(i - 1)
                    : rows.values().get(cursor[0]).get(indexOf(rows, (String) args[0]));
            default -> defaultValue(m);
        });
    }

    private static int indexOf(Rows rows, String label) {
        for (int i = 0; i < rows.columns().size(); i++) {
            if (rows.columns().get(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        throw new AssertionError("no column " + label + " in recorded rows " + rows.columns());
    }

    private static Object defaultValue(Method m) {
        Class<?> r = m.getReturnType();
        if (r == boolean.class) {
            return false;
        }
        if (r == int.class) {
            return 0;
        }
        if (r == long.class) {
            return 0L;
        }
        return null;
    }

    private static Key key(String sql, List<?> bound) {
        return new Key(sql.replaceAll("\\s+", " ").trim(),
                bound == ANY_BOUND_VALUES ? ANY_BOUND_VALUES : Collections.unmodifiableList(new ArrayList<>(bound)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(RecordedCatalog.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** Fails a test that sent a query without an answer, even when the engine turned the failure into an ERROR. */
    public static final class EveryQueryAnswered implements BeforeEachCallback, AfterEachCallback {

        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(EveryQueryAnswered.class);

        @Override
        public void beforeEach(ExtensionContext context) {
            context.getStore(NS).put("first", MADE.size());
        }

        @Override
        public void afterEach(ExtensionContext context) {
            List<String> unanswered = since(context.getStore(NS).get("first", Integer.class)).stream()
                    .flatMap(c -> c.unanswered.stream()).distinct().toList();
            if (!unanswered.isEmpty()) {
                throw new AssertionError("queries without a recorded answer:\n  " + String.join("\n  ", unanswered));
            }
        }
    }

    /**
     * Fails a test class that left a recorded answer unasked: an answer nothing matches any more belongs to a query
     * that changed without it. For the class that runs a recorded database through every command; a class that runs
     * a few commands over the same database registers {@link EveryQueryAnswered} alone.
     */
    public static final class EveryAnswerAsked implements BeforeAllCallback, AfterAllCallback {

        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(EveryAnswerAsked.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            context.getStore(NS).put("first", MADE.size());
        }

        @Override
        public void afterAll(ExtensionContext context) {
            int first = context.getStore(NS).get("first", Integer.class);
            List<RecordedCatalog> made = since(first);
            synchronized (MADE) {
                MADE.subList(first, MADE.size()).clear(); // the class is done with them
            }
            Set<Key> used = new LinkedHashSet<>();
            made.forEach(c -> used.addAll(c.used));
            List<String> unasked = made.stream().flatMap(c -> c.answers.keySet().stream())
                    .filter(k -> !used.contains(k)).map(Key::toString).distinct().toList();
            if (!unasked.isEmpty()) {
                throw new AssertionError("recorded answers no test of " + context.getDisplayName() + " asked for:\n  "
                        + String.join("\n  ", unasked));
            }
        }
    }

    private static List<RecordedCatalog> since(int index) {
        synchronized (MADE) {
            return new ArrayList<>(MADE.subList(index, MADE.size()));
        }
    }
}
