package com.bank.gdw.loader.stream;

import java.util.List;

/** How records are scored and which files pass the gate. */
public record QualityPolicy(double minimumAverage, int highBand, int mediumBand, int dateMarkerDeduction, List<QualityRule> rules) {

    public enum Band { HIGH, MEDIUM, LOW }

    public Band band(double score) {
        if (score >= highBand) {
            return Band.HIGH;
        }
        return score >= mediumBand ? Band.MEDIUM : Band.LOW;
    }
}
