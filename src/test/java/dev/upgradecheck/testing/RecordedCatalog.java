package dev.upgradecheck.testing;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A JDBC {@link Connection} that answers each query with rows recorded from an engine's documentation
 * (column names and types as the real catalog views return them), for engines that cannot run here.
 * A query it was not told about fails the test, so recorded answers stay in step with the queries.
 *
 * <pre>
 * RecordedCatalog db = new RecordedCatalog()
 *     .answer("FROM V$DATABASE", RecordedCatalog.rows(List.of("LOG_MODE"), List.of("ARCHIVELOG")))
 *     .fail("FROM DBA_SYS_PRIVS", () -> new SQLException("ORA-01031: insufficient privileges", "42000", 1031));
 * Connection c = db.connection();
 * </pre>
 * A query matches the first answer whose key it contains (after folding white space).
 */
public final class RecordedCatalog {

    /** Rows as the driver would return them: column labels and values in order. */
    public record Rows(List<String> columns, List<List<Object>> values) {
    }

    private final Map<String, Supplier<Object>> answers = new LinkedHashMap<>();
    private final List<String> sent = new ArrayList<>();
    private final List<List<Object>> boundValues = new ArrayList<>();

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

    public RecordedCatalog answer(String sqlContains, Rows rows) {
        answers.put(fold(sqlContains), () -> rows);
        return this;
    }

    public RecordedCatalog fail(String sqlContains, Supplier<SQLException> failure) {
        answers.put(fold(sqlContains), failure::get);
        return this;
    }

    /** Every statement sent, in order, white space folded. */
    public List<String> sent() {
        return List.copyOf(sent);
    }

    /** The values bound to each prepared statement, in order. */
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
            case "executeQuery" -> {
                String sql = preparedSql != null ? preparedSql : (String) args[0];
                boundValues.add(List.copyOf(params));
                yield resultSet(lookup(sql));
            }
            case "execute" -> {
                lookup(preparedSql != null ? preparedSql : (String) args[0]);
                yield false;
            }
            default -> defaultValue(m);
        });
    }

    private Rows lookup(String sql) throws SQLException {
        String folded = fold(sql);
        sent.add(folded);
        for (Map.Entry<String, Supplier<Object>> e : answers.entrySet()) {
            if (folded.contains(e.getKey())) {
                Object answer = e.getValue().get();
                if (answer instanceof SQLException failure) {
                    throw failure;
                }
                return (Rows) answer;
            }
        }
        throw new AssertionError("query without a recorded answer: " + folded);
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

    private static String fold(String sql) {
        return sql.replaceAll("\\s+", " ").trim();
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(RecordedCatalog.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
