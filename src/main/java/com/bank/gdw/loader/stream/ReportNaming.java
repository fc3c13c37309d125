package com.bank.gdw.loader.stream;

import java.time.LocalDate;
import java.util.Locale;

/**
 * File names and mail subjects of a stream's load report; {date} is the business date YYYYMMDD. The failure subject
 * may be left out: "{CODE}: load FAILED for {date}" then.
 */
public record ReportNaming(String csv, String json, String subject, String failureSubject) {

    public String csvName(LocalDate date) {
        return csv.replace("{date}", date.format(FileNaming.BUSINESS_DATE));
    }

    public String jsonName(LocalDate date) {
        return json.replace("{date}", date.format(FileNaming.BUSINESS_DATE));
    }

    /** Subject of the mail carrying the load report. */
    public String reportSubject(LocalDate date) {
        return subject.replace("{date}", date.format(FileNaming.BUSINESS_DATE));
    }

    /** Subject of the mail telling that a run failed. */
    public String failureSubject(String streamCode, LocalDate date) {
        String pattern = failureSubject != null && !failureSubject.isBlank() ? failureSubject
                : streamCode.toUpperCase(Locale.ROOT) + ": load FAILED for {date}";
        return pattern.replace("{date}", date.format(FileNaming.BUSINESS_DATE));
    }
}
