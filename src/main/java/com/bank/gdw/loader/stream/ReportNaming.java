package com.bank.gdw.loader.stream;

import java.time.LocalDate;

/** File names and mail subject of a stream's load report; {date} is the business date YYYYMMDD. */
public record ReportNaming(String csv, String json, String subject) {

    public String csvName(LocalDate date) {
        return csv.replace("{date}", date.format(FileNaming.BUSINESS_DATE));
    }

    public String jsonName(LocalDate date) {
        return json.replace("{date}", date.format(FileNaming.BUSINESS_DATE));
    }
}
