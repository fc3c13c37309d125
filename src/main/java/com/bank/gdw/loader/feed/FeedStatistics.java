package com.bank.gdw.loader.feed;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;

import com.bank.gdw.loader.stream.QualityPolicy;

/** Counts and quality figures of one load file, gathered while it streams. */
public final class FeedStatistics {

    private long inputRows;
    private long accepted;
    private final EnumMap<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
    private long scoreSum;
    private int minScore = 100;
    private final EnumMap<QualityPolicy.Band, Long> bands = new EnumMap<>(QualityPolicy.Band.class);
    private BigInteger amountSum = BigInteger.ZERO;
    private long amountPart;
    private final QualityPolicy policy;
    private final int amountScale;

    public FeedStatistics(QualityPolicy policy, int amountScale) {
        this.policy = policy;
        this.amountScale = amountScale;
        for (RejectReason r : RejectReason.values()) {
            rejects.put(r, 0L);
        }
        for (QualityPolicy.Band b : QualityPolicy.Band.values()) {
            bands.put(b, 0L);
        }
    }

    void record(long line) {
        inputRows = Math.max(inputRows, line);
    }

    void scored(int score) {
        scoreSum += score;
        minScore = Math.min(minScore, score);
        bands.merge(policy.band(score), 1L, Long::sum);
    }

    void rejected(RejectReason reason) {
        rejects.merge(reason, 1L, Long::sum);
        scored(0);
    }

    /** An accepted record that is written: its score and its control amount (unscaled) count. */
    void accepted(int score, long unscaledAmount) {
        accepted++;
        scored(score);
        long s = amountPart + unscaledAmount;
        if (((amountPart ^ s) & (unscaledAmount ^ s)) < 0) {
            amountSum = amountSum.add(BigInteger.valueOf(amountPart));
            amountPart = unscaledAmount;
        } else {
            amountPart = s;
        }
    }

    public long inputRows() {
        return inputRows;
    }

    public long rowsAccepted() {
        return accepted;
    }

    public long rejectedRows() {
        return rejects.get(RejectReason.FIELD_COUNT) + rejects.get(RejectReason.KEY_MISSING)
                + rejects.get(RejectReason.INVALID_VALUE);
    }

    public long duplicates() {
        return rejects.get(RejectReason.DUPLICATE_KEY);
    }

    public long rejects(RejectReason reason) {
        return rejects.get(reason);
    }

    public Map<RejectReason, Long> rejectsByReason() {
        return Map.copyOf(rejects);
    }

    /** Mean score over every record of the file (rejects and duplicates count 0); 100 for an empty file. */
    public double averageScore() {
        return inputRows == 0 ? 100.0 : (double) scoreSum / inputRows;
    }

    public int minScore() {
        return inputRows == 0 ? 100 : minScore;
    }

    public long band(QualityPolicy.Band band) {
        return bands.get(band);
    }

    /** Sum of the control amount column over the accepted records. */
    public BigDecimal amountSum() {
        return new BigDecimal(amountSum.add(BigInteger.valueOf(amountPart)), amountScale);
    }
}
