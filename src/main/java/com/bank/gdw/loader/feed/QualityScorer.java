package com.bank.gdw.loader.feed;

import java.time.LocalDate;
import java.util.List;

import com.bank.gdw.loader.stream.QualityPolicy;
import com.bank.gdw.loader.stream.QualityRule;
import com.bank.gdw.loader.stream.StreamDefinition;

/** Scores an accepted record 0..100 with the stream's configured deductions. */
public final class QualityScorer {

    private final int markerDeduction;
    private final Rule[] rules;
    private final int businessDay;

    private enum Kind { NEGATIVE, BEFORE, AFTER_BUSINESS_DATE }

    private record Rule(Kind kind, int column, int other, int deduction) { }

    public QualityScorer(StreamDefinition stream, LocalDate businessDate) {
        QualityPolicy policy = stream.quality();
        this.markerDeduction = policy.dateMarkerDeduction();
        this.businessDay = (int) businessDate.toEpochDay();
        List<QualityRule> configured = policy.rules();
        this.rules = new Rule[configured.size()];
        for (int i = 0; i < rules.length; i++) {
            QualityRule r = configured.get(i);
            Kind kind = switch (r.rule()) {
                case "negative" -> Kind.NEGATIVE;
                case "before" -> Kind.BEFORE;
                case "afterBusinessDate" -> Kind.AFTER_BUSINESS_DATE;
                default -> throw new IllegalArgumentException("unknown quality rule " + r.rule()
                        + " (known: negative, before, afterBusinessDate)");
            };
            if (kind == Kind.BEFORE && r.other() == null) {
                throw new IllegalArgumentException("quality rule 'before' on " + r.column() + " needs 'other'");
            }
            rules[i] = new Rule(kind, stream.layout().indexOf(r.column()),
                    r.other() == null ? -1 : stream.layout().indexOf(r.other()), r.deduction());
        }
    }

    public int score(RecordBatch batch, int row, int dateMarkers) {
        int score = 100 - dateMarkers * markerDeduction;
        for (Rule r : rules) {
            if (batch.isNull(r.column, row)) {
                continue;
            }
            boolean hit = switch (r.kind) {
                case NEGATIVE -> batch.unscaled(r.column, row) < 0;
                case BEFORE -> !batch.isNull(r.other, row) && batch.epochDay(r.column, row) < batch.epochDay(r.other, row);
                case AFTER_BUSINESS_DATE -> batch.epochDay(r.column, row) > businessDay;
            };
            if (hit) {
                score -= r.deduction;
            }
        }
        return Math.max(0, score);
    }
}
