package dev.upgradecheck.engine.jdbc;

import dev.upgradecheck.value.HumanDuration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place JDBC queries run: every statement is prepared (values bound, never concatenated)
 * and carries the query timeout. Engines build their checks on it instead of repeating the JDBC loop.
 */
public final class SqlSession implements AutoCloseable {

    private final Connection connection;
    private final int timeoutSeconds;

    public SqlSession(Connection connection, HumanDuration queryTimeout) {
        this.connection = connection;
        // JDBC counts whole seconds; round up so 500ms still means "bounded", not "unbounded" (0).
        long millis = queryTimeout.duration().toMillis();
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    public List<Row> query(String sql, Object... params) throws SQLException {
        return select(sql, params, SqlSession::rows);
    }

    /** Each row's values by position: for queries whose column labels may repeat or differ only in case. */
    public List<List<Object>> values(String sql, Object... params) throws SQLException {
        return select(sql, params, rs -> {
            int columns = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) {
                    row.add(rs.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        });
    }

    /** One read of {@link #queryAll}: its SQL (one statement, no trailing semicolon) and its bound values. */
    public record Read(String sql, List<Object> params) {
        public Read(String sql, Object... params) {
            this(sql.strip(), java.util.Arrays.asList(params.clone()));
        }
    }

    /**
     * Several reads in one round trip: a driver that takes several statements in one prepared statement (pgjdbc
     * sends each as its own parse, bind and execute, all before one sync) gets them in one flight, each still a
     * separate statement with its values bound. Statements run until the first fails, which fails the whole call;
     * callers fall back to reading one by one. The client's bound is one query timeout per read, so a flight of
     * slow but finishing reads is not cut short; the server's statement_timeout still bounds each read.
     */
    public List<List<Row>> queryAll(List<Read> reads) throws SQLException {
        String text = String.join(";\n", reads.stream().map(Read::sql).toList());
        Object[] params = reads.stream().flatMap(r -> r.params().stream()).toArray();
        List<List<Row>> results = new ArrayList<>(reads.size());
        try (PreparedStatement statement = prepared(text, params)) {
            statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, (long) timeoutSeconds * reads.size()));
            boolean resultSet = statement.execute();
            while (resultSet || statement.getUpdateCount() != -1) {
                if (resultSet) {
                    try (ResultSet rs = statement.getResultSet()) {
                        results.add(rows(rs));
                    }
                }
                resultSet = statement.getMoreResults();
            }
        }
        if (results.size() != reads.size()) {
            throw new SQLException(reads.size() + " reads sent in one flight, " + results.size() + " results returned");
        }
        return results;
    }

    /** Runs one data-changing statement; only the canary ({@code canary --allow-write}) calls it. */
    public int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepared(sql, params)) {
            return statement.executeUpdate();
        }
    }

    private interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T select(String sql, Object[] params, ResultReader<T> reader) throws SQLException {
        try (PreparedStatement statement = prepared(sql, params); ResultSet rs = statement.executeQuery()) {
            return reader.read(rs);
        }
    }

    private PreparedStatement prepared(String sql, Object[] params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    public Optional<Row> first(String sql, Object... params) throws SQLException {
        List<Row> rows = query(sql, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The first row, for queries that always return exactly one (aggregates, settings). */
    public Row one(String sql, Object... params) throws SQLException {
        return first(sql, params).orElseThrow(() -> new SQLException("query returned no row: " + sql));
    }

    /** Runs a session-setting statement (e.g. {@code SET SESSION ...}); never used for writes to data. */
    public void execute(String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.execute(sql);
        }
    }

    public Connection connection() {
        return connection;
    }

    private static List<Row> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<Row> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int c = 1; c <= columns; c++) {
                values.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), rs.getObject(c));
            }
            rows.add(new Row(values));
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a read-only session: nothing to roll back, nothing the user can do
        }
    }
}
