package dev.sieve.cli.operate;

import java.util.ArrayList;
import java.util.List;

/** Columns aligned with two spaces between them, a header line first; cells are single lines. */
public final class TextTable {

    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        rows.add(List.copyOf(header));
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != rows.get(0).size()) {
            throw new IllegalArgumentException("a row has " + cells.size() + " cells, the header " + rows.get(0).size());
        }
        rows.add(cells.stream().map(TextTable::oneLine).toList());
        return this;
    }

    /** Text typed by operators (reasons) may hold tabs or line breaks; a table cell may not. */
    public static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}+", " ");
    }

    @Override
    public String toString() {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(r.get(i));
                if (i + 1 < r.size()) {
                    line.append(" ".repeat(widths[i] - r.get(i).length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
