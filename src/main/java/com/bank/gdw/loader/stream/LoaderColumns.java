package com.bank.gdw.loader.stream;

/** Names of the target columns the loader sets itself rather than reading them from the file. */
public record LoaderColumns(String businessDate, String loadTimestamp, String loadTime, String processInstance,
                            String lineNumber, String rowSecurity) {
}
