package com.bank.gdw.loader.dcf;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

import com.bank.gdw.loader.db.DatabaseWaits;
import com.bank.gdw.loader.db.UtcTimestamps;

/** Jdbi set up to bind dates and timestamps the way every supported driver accepts (DuckDB rejects setObject for them); timestamps as UTC wall clocks ({@link UtcTimestamps}). */
public final class JdbiFactory {

    private JdbiFactory() {
    }

    public static Jdbi create(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.registerArgument(new AbstractArgumentFactory<LocalDate>(Types.DATE) {
            @Override
            protected Argument build(LocalDate value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setDate(position, Date.valueOf(value));
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<LocalDateTime>(Types.TIMESTAMP) {
            @Override
            protected Argument build(LocalDateTime value, ConfigRegistry config) {
                return (position, statement, ctx) -> UtcTimestamps.bind(statement, position, value);
            }
        });
        jdbi.setSqlLogger(new WatchedStatements());
        return jdbi;
    }

    /**
     * Every statement under way is watched, so one the database holds up is reported ({@link DatabaseWaits}); the
     * watch is kept in the statement's own context from its execution to its end.
     */
    private static final class WatchedStatements implements SqlLogger {

        private static final String WAIT = WatchedStatements.class.getName();

        @Override
        public void logBeforeExecution(StatementContext context) {
            context.define(WAIT, DatabaseWaits.statement(context.getRenderedSql()));
        }

        @Override
        public void logAfterExecution(StatementContext context) {
            end(context);
        }

        @Override
        public void logException(StatementContext context, SQLException ex) {
            end(context);
        }

        private static void end(StatementContext context) {
            if (context.getAttribute(WAIT) instanceof DatabaseWaits.Wait w) {
                w.close();
            }
        }
    }
}
