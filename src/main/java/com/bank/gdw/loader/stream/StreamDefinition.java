package com.bank.gdw.loader.stream;

import java.util.ArrayList;
import java.util.List;

/** One feed stream as configured under config/streams: its files, record layout, key, target and thresholds. */
public record StreamDefinition(
        String code,
        int id,
        String name,
        String description,
        String targetTable,
        Layout layout,
        FileNaming files,
        char delimiter,
        List<String> keyColumns,
        String dateMarker,
        LoaderColumns loaderColumns,
        int rowSecurityCode,
        String amountColumn,
        QualityPolicy quality,
        boolean continueOnUnitFailure,
        String initialStatus,
        ReportNaming report,
        String cron,
        FeedDue due) {

    public StreamDefinition {
        keyColumns = List.copyOf(keyColumns);
        for (String k : keyColumns) {
            layout.indexOf(k);
        }
        if (amountColumn != null && !amountColumn.isEmpty()
                && layout.column(layout.indexOf(amountColumn)).type().kind() != ColumnType.Kind.DECIMAL) {
            throw new IllegalArgumentException("reconciliation amount column " + amountColumn + " must be a DECIMAL");
        }
        if (due != null) {
            for (String unit : due.units()) {
                if (!unit.matches(files.unitPattern())) {
                    throw new IllegalArgumentException("due.units: " + unit + " is not a unit of this stream (" + files.unitPattern() + ")");
                }
            }
        }
        for (QualityRule r : quality.rules()) {
            layout.indexOf(r.column());
            if (r.other() != null) {
                layout.indexOf(r.other());
            }
        }
    }

    /** Every column of the target table: the file's, then the loader's. */
    public List<Column> targetColumns() {
        List<Column> all = new ArrayList<>(layout.columns());
        all.addAll(loaderColumnList());
        return all;
    }

    /** The columns the loader sets, in table order. */
    public List<Column> loaderColumnList() {
        List<Column> cols = new ArrayList<>();
        LoaderColumns l = loaderColumns;
        cols.add(new Column(l.businessDate(), ColumnType.of(ColumnType.Kind.DATE), false, "business date"));
        cols.add(new Column(l.loadTimestamp(), ColumnType.of(ColumnType.Kind.TIMESTAMP), false, "load timestamp"));
        if (l.loadTime() != null) {
            cols.add(new Column(l.loadTime(), ColumnType.of(ColumnType.Kind.TIME), false, "load time"));
        }
        cols.add(new Column(l.processInstance(), ColumnType.of(ColumnType.Kind.BIGINT), false, "process instance id"));
        cols.add(new Column(l.lineNumber(), ColumnType.of(ColumnType.Kind.BIGINT), false, "line number in the file"));
        cols.add(new Column(l.rowSecurity(), ColumnType.of(ColumnType.Kind.INTEGER), false, "row security code"));
        return cols;
    }

    /** The business key of the target: the key fields of the file and the business date. */
    public List<String> businessKey() {
        List<String> key = new ArrayList<>(keyColumns);
        key.add(loaderColumns.businessDate());
        return key;
    }

    public int[] keyIndexes() {
        return keyColumns.stream().mapToInt(layout::indexOf).toArray();
    }
}
