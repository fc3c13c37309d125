package com.bank.gdw.loader.load;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A connection that passes every call to a real one and records the SQL of every statement executed through it; it can
 * also refuse a statement, to fail a load at a chosen step. The vendor's bulk channels (PostgreSQL's COPY API,
 * Snowflake's uploadStream) are reached by {@code unwrap}, which returns the real connection: they are not statements
 * and are not counted.
 */
final class StatementCounter {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final Connection real;
    private final List<String> executed = new ArrayList<>();
    private final Predicate<String> refused;

    StatementCounter(Connection real) {
        this(real, sql -> false);
    }

    /** Fails every statement whose SQL {@code refused} matches with an SQLException, before the database sees it. */
    StatementCounter(Connection real, Predicate<String> refused) {
        this.real = real;
        this.refused = refused;
    }

    /** The SQL of every statement executed so far, in order (a prepared statement's text each time it runs). */
    synchronized List<String> executed() {
        return List.copyOf(executed);
    }

    Connection connection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> {
                    Object result = call(real, m, args);
                    if (result instanceof Statement st && m.getReturnType().isInterface()) {
                        String prepared = args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
                        return counting(st, m.getReturnType(), prepared);
                    }
                    return result;
                });
    }

    private Object counting(Statement st, Class<?> type, String preparedSql) {
        InvocationHandler h = (proxy, m, args) -> {
            if (EXECUTIONS.contains(m.getName())) {
                String sql = preparedSql != null ? preparedSql : args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
                if (refused.test(sql)) {
                    throw new SQLException("refused by the test: " + sql.substring(0, Math.min(40, sql.length())));
                }
                synchronized (this) {
                    executed.add(sql);
                }
            }
            return call(st, m, args);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
