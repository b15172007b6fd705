package dev.mlops.core.data;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The driver's data source, wrapped to record what is done to its connections and statements (autocommit,
 * commit, rollback, fetch size, result set type) and to run set-up SQL on each new connection. It wraps the
 * JDBC driver, not the code under test.
 */
final class RecordingDataSource implements DataSource {

    private final DataSource driver;
    private final boolean autoCommit;
    private final List<String> setUp;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private RecordingDataSource(DataSource driver, boolean autoCommit, List<String> setUp) {
        this.driver = driver;
        this.autoCommit = autoCommit;
        this.setUp = setUp;
    }

    /** Connections as the driver makes them: in autocommit mode. */
    static RecordingDataSource of(DataSource driver, String... setUp) {
        return new RecordingDataSource(driver, true, List.of(setUp));
    }

    /** Connections handed out already in a transaction, as some pools and transaction managers do. */
    static RecordingDataSource inTransaction(DataSource driver) {
        return new RecordingDataSource(driver, false, List.of());
    }

    /** What happened so far, in order, such as {@code "execute fetchSize=500 forwardOnly=true autocommit=false"}. */
    List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = driver.getConnection();
        try (Statement statement = connection.createStatement()) {
            for (String sql : setUp) {
                statement.execute(sql);
            }
        }
        connection.setAutoCommit(autoCommit);
        return proxy(Connection.class, connection, (method, args) -> {
            switch (method.getName()) {
                case "setAutoCommit" -> events.add("autocommit=" + args[0]);
                case "commit", "rollback" -> events.add(method.getName());
                case "close" -> events.add("close autocommit=" + connection.getAutoCommit());
                default -> {
                }
            }
            Object result = invoke(method, connection, args);
            return result instanceof PreparedStatement statement ? statement(statement, connection) : result;
        });
    }

    private PreparedStatement statement(PreparedStatement statement, Connection connection) {
        return proxy(PreparedStatement.class, statement, (method, args) -> {
            if (method.getName().equals("executeQuery") && (args == null || args.length == 0)) {
                events.add("execute fetchSize=" + statement.getFetchSize() + " forwardOnly="
                        + (statement.getResultSetType() == ResultSet.TYPE_FORWARD_ONLY) + " autocommit="
                        + connection.getAutoCommit());
            }
            return invoke(method, statement, args);
        });
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(method, args);
        return type.cast(Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] {type},
                invocation));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the reader asks for a connection without credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return driver.isWrapperFor(type);
    }
}
