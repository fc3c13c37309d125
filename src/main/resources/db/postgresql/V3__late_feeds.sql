-- loader (issue 14): late-feed alerts. One row per stream and business date whose expected units had neither arrived
-- nor loaded at their due time. The primary key, and the conditional UPDATE that sets ALERT_TS, make the LATE_FEED
-- notification go out once across the instances sharing these tables; RESOLVED_TS is set when every expected unit
-- of the date has loaded, and DELAY_SECONDS then says how long after the due time that was.
CREATE TABLE DCF_T_FEED_LATE (
    STRM_ID             INTEGER       NOT NULL,
    BUS_DT              DATE          NOT NULL,
    DUE_TS              TIMESTAMP     NOT NULL,            -- UTC
    MISSING_UNITS       VARCHAR(1000) NOT NULL,            -- comma-separated, as at the alert
    ALERT_TS            TIMESTAMP,
    ALERT_OWNER         VARCHAR(200),
    RESOLVED_TS         TIMESTAMP,
    DELAY_SECONDS       BIGINT,
    PRIMARY KEY (STRM_ID, BUS_DT)
);
