package com.bank.gdw.loader.dcf;

import java.sql.Date;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
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
        return jdbi;
    }
}
