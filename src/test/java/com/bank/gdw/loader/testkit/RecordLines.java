package com.bank.gdw.loader.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

import com.bank.gdw.loader.stream.Column;
import com.bank.gdw.loader.stream.StreamDefinition;

/** Builds single feed records by column name, valid by default, for tests that need exact lines. */
public final class RecordLines {

    private final StreamDefinition stream;
    private final Map<String, String> values = new LinkedHashMap<>();

    private RecordLines(StreamDefinition stream) {
        this.stream = stream;
        for (Column c : stream.layout().columns()) {
            values.put(c.name(), switch (c.type().kind()) {
                case VARCHAR -> "A".repeat(Math.min(3, c.type().length()));
                case DECIMAL -> c.type().scale() == 0 ? "1"
                        : (c.type().precision() > c.type().scale() ? "1." : "0.") + "0".repeat(c.type().scale());
                case DATE -> "2026-01-15";
                default -> "";
            });
        }
    }

    /** A valid record of the stream for account {@code account} (the ACCT_I key), plan sequence 1. */
    public static RecordLines record(StreamDefinition stream, String account) {
        RecordLines r = new RecordLines(stream);
        r.values.put("CORP_IDNN", "C001");
        r.values.put("ACCT_I", account);
        r.values.put("PLAN_IDNN", "P01");
        r.values.put("PLAN_SQNO", "1");
        return r;
    }

    public RecordLines with(String column, String value) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("no column " + column);
        }
        values.put(column, value);
        return this;
    }

    public String line() {
        return String.join(String.valueOf(stream.delimiter()), values.values());
    }
}
