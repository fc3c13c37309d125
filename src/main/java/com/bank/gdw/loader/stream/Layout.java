package com.bank.gdw.loader.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ordered fields of a feed record, read from a columns CSV (position,column,type,nullable,description). */
public final class Layout {

    private final List<Column> columns;
    private final Map<String, Integer> indexByName = new HashMap<>();

    public Layout(List<Column> columns) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) {
            if (indexByName.put(columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException("column " + columns.get(i).name() + " appears twice in the layout");
            }
        }
    }

    public static Layout read(Path csv) {
        try {
            return parse(Files.readString(csv, StandardCharsets.UTF_8), csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read layout " + csv, e);
        }
    }

    static Layout parse(String text, String source) {
        List<Column> columns = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> f = splitCsv(line);
            if (f.size() < 4) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected position,column,type,nullable[,description]");
            }
            int position = Integer.parseInt(f.get(0).strip());
            if (position != columns.size() + 1) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": position " + position + " out of order");
            }
            columns.add(new Column(f.get(1).strip(), ColumnType.parse(f.get(2)), !"N".equalsIgnoreCase(f.get(3).strip()),
                    f.size() > 4 ? f.get(4).strip() : ""));
        }
        return new Layout(columns);
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /** Index of a column, or an error naming it when the layout has none. */
    public int indexOf(String name) {
        Integer i = indexByName.get(name);
        if (i == null) {
            throw new IllegalArgumentException("the layout has no column " + name);
        }
        return i;
    }

    public boolean has(String name) {
        return indexByName.containsKey(name);
    }
}
