package com.bank.gdw.loader.load;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.SqlIdentifier;
import com.bank.gdw.loader.stream.StreamDefinition;

/**
 * The SQL every writer shares about a stream's target table: its DDL, column lists, key joins and the names of its
 * staging tables. Names come from configuration and are checked to be plain identifiers (again: the stream
 * definition's reader refuses a definition whose names are not, before anything runs).
 */
public final class TargetTable {

    /** How the name of a unit's temporary staging table begins (DuckDB, PostgreSQL). */
    private static final String TEMPORARY_STAGING_PREFIX = "gdw_stage_";
    /** How the name of the staging table kept beside the target ends (Snowflake: no DDL in a load). */
    private static final String PERSISTENT_STAGING_SUFFIX = "_STG";

    private final StreamDefinition stream;
    private final String name;
    private final List<Column> columns;

    public TargetTable(StreamDefinition stream) {
        this.stream = stream;
        this.name = identifier(stream.targetTable());
        this.columns = stream.targetColumns();
        this.columns.forEach(c -> identifier(c.name()));
    }

    static String identifier(String name) {
        if (!SqlIdentifier.isQualifiedName(name)) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return name;
    }

    public String name() {
        return name;
    }

    public StreamDefinition stream() {
        return stream;
    }

    public List<Column> columns() {
        return columns;
    }

    public String columnList() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** CREATE TABLE IF NOT EXISTS with the business key as primary key. */
    public String createSql(String table) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table).append(" (\n");
        for (Column c : columns) {
            sb.append("    ").append(c.name()).append(' ').append(c.type().sql()).append(c.nullable() ? "" : " NOT NULL").append(",\n");
        }
        return sb.append("    PRIMARY KEY (").append(String.join(", ", stream.businessKey())).append(")\n)").toString();
    }

    /** The unit's temporary staging table for its rows: {@code gdw_stage_<process id>}. */
    public String temporaryStaging(long processId) {
        return TEMPORARY_STAGING_PREFIX + processId;
    }

    /** The unit's temporary staging table for its key suspects: {@code gdw_stage_<process id>_suspects}. */
    public String temporarySuspects(long processId) {
        return TEMPORARY_STAGING_PREFIX + processId + "_suspects";
    }

    /** The staging table created once beside the target and shared by its loads, by process id: {@code <target>_STG}. */
    public String persistentStaging() {
        return identifier(name + PERSISTENT_STAGING_SUFFIX);
    }

    public String processColumn() {
        return stream.loaderColumns().processInstance();
    }

    public String lineColumn() {
        return stream.loaderColumns().lineNumber();
    }

    /** "T.K1 = S.K1 AND ..." joining two aliases on the business key. */
    public String keyJoin(String left, String right) {
        return stream.businessKey().stream().map(k -> left + "." + k + " = " + right + "." + k).collect(Collectors.joining(" AND "));
    }

    /** "?, ?, ?" for the replaced process ids. */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
