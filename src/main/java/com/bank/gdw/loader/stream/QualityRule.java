package com.bank.gdw.loader.stream;

/** One deduction of the data-quality score, as configured: negative, before or afterBusinessDate. */
public record QualityRule(String rule, String column, String other, int deduction) {
}
