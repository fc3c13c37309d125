package com.bank.gdw.loader.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import net.snowflake.client.api.connection.SnowflakeConnection;
import net.snowflake.client.api.connection.UploadStreamConfig;

/**
 * A Snowflake connection that runs nothing: it records every statement with the parameters bound to it, and every
 * stream uploaded to a stage. Anything else a writer calls fails, so a test cannot pass by a call going unnoticed.
 */
final class RecordingSnowflakeConnection {

    /** A statement as sent: its SQL and its parameters by index (1-based, in order). */
    record Executed(String sql, List<Object> parameters) { }

    /** A stream uploaded with {@link SnowflakeConnection#uploadStream}: where to, and the bytes. */
    record Upload(String stage, String prefix, String fileName, boolean compressData, byte[] content) { }

    final List<Executed> executed = new ArrayList<>();
    final List<Upload> uploads = new ArrayList<>();

    Connection connection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class, SnowflakeConnection.class}, new ConnectionCalls());
    }

    private final class ConnectionCalls implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) {
            switch (m.getName()) {
                case "unwrap":
                    return ((Class<?>) args[0]).cast(proxy);
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(proxy);
                case "createStatement":
                    return statement(Statement.class, null);
                case "prepareStatement":
                    return statement(PreparedStatement.class, (String) args[0]);
                case "uploadStream":
                    UploadStreamConfig config = (UploadStreamConfig) args[3];
                    uploads.add(new Upload((String) args[0], config.getDestPrefix(), (String) args[1], config.isCompressData(),
                            readAll((InputStream) args[2])));
                    return null;
                case "close":
                    return null;
                case "toString":
                    return "recording Snowflake connection";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    throw new UnsupportedOperationException("not recorded: Connection." + m.getName());
            }
        }
    }

    private Object statement(Class<? extends Statement> type, String preparedSql) {
        TreeMap<Integer, Object> parameters = new TreeMap<>();
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            String name = m.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                parameters.put(index, name.equals("setNull") ? null : args[1]);
                return null;
            }
            switch (name) {
                case "execute", "executeUpdate" -> {
                    String sql = preparedSql != null ? preparedSql : (String) args[0];
                    executed.add(new Executed(sql, new ArrayList<>(parameters.values())));
                    return name.equals("execute") ? Boolean.FALSE : 0;
                }
                case "close" -> {
                    return null;
                }
                case "toString" -> {
                    return "recording statement";
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                default -> throw new UnsupportedOperationException("not recorded: " + type.getSimpleName() + "." + name);
            }
        });
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
