package com.bank.gdw.loader.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Connections through the one driver of the database's kind, never through {@code java.sql.DriverManager}: its first
 * use initialises every driver on the classpath, and the Snowflake driver's initialisation alone costs most of a
 * second of every command's start on DuckDB or PostgreSQL (docs/benchmark.md). The pool (HikariCP) takes it as its
 * data source; its own driver data source would ask DriverManager.
 */
final class DirectDataSource implements DataSource {

    private final String url;
    private final Properties properties;
    private final String driverClass;
    private volatile Driver driver;
    private int loginTimeoutSeconds;

    DirectDataSource(DatabaseKind kind, String url, String user, String password, Properties driverProperties) {
        this.url = url;
        this.properties = new Properties();
        if (driverProperties != null) {
            this.properties.putAll(driverProperties);
        }
        if (user != null && !user.isEmpty()) {
            this.properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            this.properties.setProperty("password", password);
        }
        this.driverClass = kind.driverClass();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Driver d = driver();
        Connection c = d.connect(url, properties);
        if (c == null) {
            throw new SQLException("the driver " + driverClass + " does not accept " + DatabaseKind.redact(url));
        }
        return c;
    }

    /**
     * The driver, loaded at the first connection rather than with the pool: DuckDB's loads its native library (tens of
     * megabytes unpacked from the jar), which then happens on the thread that connects, not on the one starting Camel.
     */
    private Driver driver() throws SQLException {
        Driver d = driver;
        if (d == null) {
            synchronized (this) {
                d = driver;
                if (d == null) {
                    try {
                        d = (Driver) Class.forName(driverClass).getDeclaredConstructor().newInstance();
                    } catch (ReflectiveOperationException | LinkageError e) {
                        throw new SQLException("cannot load the JDBC driver " + driverClass + ": " + e, e);
                    }
                    driver = d;
                }
            }
        }
        return d;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the credentials are the data source's own");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // the drivers log through their own loggers
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
