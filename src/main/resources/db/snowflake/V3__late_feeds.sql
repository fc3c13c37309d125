-- loader (issue 14): late-feed alerts, Snowflake dialect (see V1 for the type mapping). The primary key is not
-- enforced here: the LATE_FEED notification goes out once because ALERT_TS is set by a conditional UPDATE
-- (WHERE ALERT_TS IS NULL), which only one instance wins, even if two inserted the row at once.
CREATE TABLE DCF_T_FEED_LATE (
    STRM_ID             NUMBER(10,0)  NOT NULL,
    BUS_DT              DATE          NOT NULL,
    DUE_TS              TIMESTAMP_NTZ NOT NULL,            -- UTC
    MISSING_UNITS       VARCHAR(1000) NOT NULL,
    ALERT_TS            TIMESTAMP_NTZ,
    ALERT_OWNER         VARCHAR(200),
    RESOLVED_TS         TIMESTAMP_NTZ,
    DELAY_SECONDS       NUMBER(19,0),
    PRIMARY KEY (STRM_ID, BUS_DT)
);
