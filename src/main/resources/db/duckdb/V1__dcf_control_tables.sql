-- DCF control tables (contract: shared/spec/dcf-control-tables.md). Timestamps are UTC.
-- Columns beyond the contract are marked "loader:"; contract columns are never renamed or dropped.

CREATE SEQUENCE DCF_S_STRM_INST;
CREATE SEQUENCE DCF_S_PRCS_INST;
CREATE SEQUENCE DCF_S_EXEC_LOG;
CREATE SEQUENCE DCF_S_LINEAGE;
CREATE SEQUENCE DCF_S_NOTIFICATION;
CREATE SEQUENCE DCF_S_FILE_MOVE;
CREATE SEQUENCE DCF_S_EROR;

CREATE TABLE DCF_T_STRM (
    STRM_ID             INTEGER       NOT NULL PRIMARY KEY,
    STRM_NAME           VARCHAR(100)  NOT NULL UNIQUE,
    STRM_DESC           VARCHAR(500),
    STRM_STATUS         VARCHAR(10)   NOT NULL,
    TARGET_TABLE        VARCHAR(128)  NOT NULL,
    UPDT_TS             TIMESTAMP     NOT NULL,
    STRM_CODE           VARCHAR(50)                        -- loader: short name used for routes and JMX
);

-- loader: the stream lease; a run holds it, renews it, and another instance may take it once it expires
CREATE TABLE DCF_T_STRM_LOCK (
    STRM_ID             INTEGER       NOT NULL PRIMARY KEY,
    OWNER_ID            VARCHAR(200),
    HOST_NAME           VARCHAR(255),
    STRM_INST_ID        BIGINT,
    ACQUIRED_TS         TIMESTAMP,
    HEARTBEAT_TS        TIMESTAMP,
    LEASE_EXPIRES_TS    TIMESTAMP
);

CREATE TABLE DCF_T_STRM_INST (
    STRM_INST_ID        BIGINT        NOT NULL PRIMARY KEY,
    STRM_ID             INTEGER       NOT NULL,
    STRM_NAME           VARCHAR(100)  NOT NULL,
    BUS_DT              DATE          NOT NULL,
    BATCH_ID            VARCHAR(64)   NOT NULL,
    TRIGGER_TYPE        VARCHAR(10)   NOT NULL,
    STRM_START_TS       TIMESTAMP     NOT NULL,
    STRM_END_TS         TIMESTAMP,
    STRM_STATUS         VARCHAR(20)   NOT NULL,
    FILES_FOUND         INTEGER,
    FILES_LOADED        INTEGER,
    ERROR_MESSAGE       VARCHAR(4000),
    HOST_NAME           VARCHAR(255),
    OWNER_ID            VARCHAR(200)                       -- loader: host:pid:uuid of the instance that ran it
);
CREATE INDEX DCF_X_STRM_INST_STATUS ON DCF_T_STRM_INST (STRM_ID, STRM_STATUS);
-- invariant 1 rests on the lease (DCF_T_STRM_LOCK): DuckDB has no partial unique index

CREATE TABLE DCF_T_PRCS_INST (
    PRCS_INST_ID        BIGINT        NOT NULL PRIMARY KEY,
    STRM_INST_ID        BIGINT        NOT NULL,
    STRM_ID             INTEGER       NOT NULL,
    STRM_NAME           VARCHAR(100)  NOT NULL,
    PRCS_NAME           VARCHAR(100)  NOT NULL,
    PRCS_BUS_DT         DATE          NOT NULL,
    FILE_NAME           VARCHAR(500)  NOT NULL,
    FILE_SHA256         VARCHAR(64),
    PRCS_START_TS       TIMESTAMP     NOT NULL,
    PRCS_END_TS         TIMESTAMP,
    PRCS_STATUS         VARCHAR(20)   NOT NULL,
    INPUT_ROWS          BIGINT,
    REJECTED_ROWS       BIGINT,
    DUPLICATE_ROWS      BIGINT,
    ROWS_WRITTEN        BIGINT,
    AVG_DQ_SCORE        DECIMAL(6,2),
    MIN_DQ_SCORE        INTEGER,
    ERROR_MESSAGE       VARCHAR(4000),
    TRIGGER_FILE_NAME   VARCHAR(500),                      -- loader
    DQ_HIGH_ROWS        BIGINT,                            -- loader: records per quality band
    DQ_MEDIUM_ROWS      BIGINT,                            -- loader
    DQ_LOW_ROWS         BIGINT,                            -- loader
    CONTROL_AMOUNT      DECIMAL(38,6),                     -- loader: sum of the reconciliation amount column
    OWNER_ID            VARCHAR(200)                       -- loader
);
CREATE INDEX DCF_X_PRCS_INST_UNIT ON DCF_T_PRCS_INST (STRM_ID, PRCS_NAME, PRCS_BUS_DT, PRCS_STATUS);
CREATE INDEX DCF_X_PRCS_INST_SHA ON DCF_T_PRCS_INST (STRM_ID, FILE_SHA256);
CREATE INDEX DCF_X_PRCS_INST_RUN ON DCF_T_PRCS_INST (STRM_INST_ID);

CREATE TABLE DCF_T_PRCS_EXEC_LOG (
    EXEC_LOG_ID         BIGINT        NOT NULL PRIMARY KEY,
    STRM_ID             INTEGER       NOT NULL,
    STRM_NAME           VARCHAR(100)  NOT NULL,
    PRCS_INST_ID        BIGINT,
    PRCS_NAME           VARCHAR(100),
    PRCS_START_TS       TIMESTAMP,
    PRCS_END_TS         TIMESTAMP,
    PRCS_STATUS         VARCHAR(20),
    PRCS_STATISTICS     VARCHAR,
    EXEC_USER_ID        VARCHAR(100),
    MESSAGE_TYPE        VARCHAR(5)    NOT NULL,
    MESSAGE_TEXT        VARCHAR(4000),
    STRM_INST_ID        BIGINT,                            -- loader
    FILE_NAME           VARCHAR(500),                      -- loader: the file a message is about
    LOG_TS              TIMESTAMP     NOT NULL             -- loader
);
CREATE INDEX DCF_X_EXEC_LOG_FILE ON DCF_T_PRCS_EXEC_LOG (STRM_ID, FILE_NAME);

CREATE TABLE DCF_T_DATA_LINEAGE (
    LINEAGE_ID          BIGINT        NOT NULL PRIMARY KEY,
    STRM_ID             INTEGER       NOT NULL,
    PRCS_INST_ID        BIGINT        NOT NULL,
    PRCS_DATE           DATE          NOT NULL,
    SOURCE_FILE         VARCHAR(500)  NOT NULL,
    FILE_ROLE           VARCHAR(10)   NOT NULL,
    TARGET_TABLE        VARCHAR(128),
    ROWS_WRITTEN        BIGINT,
    ARCHIVE_PATH        VARCHAR(1000) NOT NULL,
    ARCHIVE_STATUS      VARCHAR(20)   NOT NULL,
    ARCHIVE_TS          TIMESTAMP     NOT NULL,
    RETENTION_EXPIRY_DATE DATE        NOT NULL,
    LIFECYCLE_STAGE     VARCHAR(10)   NOT NULL,
    PURGED_TS           TIMESTAMP                          -- loader
);
CREATE INDEX DCF_X_LINEAGE_EXPIRY ON DCF_T_DATA_LINEAGE (LIFECYCLE_STAGE, RETENTION_EXPIRY_DATE);

-- loader: file moves are written here before they happen and marked done after, so a crash between the
-- database commit and the move is finished by recovery and no file is ever lost
CREATE TABLE DCF_T_FILE_MOVE (
    MOVE_ID             BIGINT        NOT NULL PRIMARY KEY,
    STRM_ID             INTEGER       NOT NULL,
    PRCS_INST_ID        BIGINT        NOT NULL,
    FILE_ROLE           VARCHAR(10)   NOT NULL,
    SOURCE_PATH         VARCHAR(1000) NOT NULL,
    TARGET_PATH         VARCHAR(1000) NOT NULL,
    DESTINATION         VARCHAR(10)   NOT NULL,            -- ARCHIVE | ERROR
    MOVE_STATUS         VARCHAR(10)   NOT NULL,            -- PENDING | DONE | MISSING
    CREATED_TS          TIMESTAMP     NOT NULL,
    DONE_TS             TIMESTAMP
);
CREATE INDEX DCF_X_FILE_MOVE_STATUS ON DCF_T_FILE_MOVE (STRM_ID, MOVE_STATUS);

CREATE TABLE DCF_T_NOTIFICATIONS (
    NOTIFICATION_ID     BIGINT        NOT NULL PRIMARY KEY,
    NOTIFICATION_TYPE   VARCHAR(30)   NOT NULL,
    STRM_ID             INTEGER       NOT NULL,
    STRM_NAME           VARCHAR(100)  NOT NULL,
    STRM_INST_ID        BIGINT,
    NOTIFICATION_CONTENT VARCHAR       NOT NULL,
    NOTIFICATION_STATUS VARCHAR(10)   NOT NULL,
    CREATED_TS          TIMESTAMP     NOT NULL,
    SENT_TS             TIMESTAMP,
    ATTEMPTS            INTEGER       NOT NULL,
    NEXT_ATTEMPT_TS     TIMESTAMP,                         -- loader: retry with backoff
    LAST_ERROR          VARCHAR(4000),                     -- loader
    ATTACHMENT_PATH     VARCHAR(1000)                      -- loader: the CSV report mailed with it
);
CREATE INDEX DCF_X_NOTIFICATIONS_STATUS ON DCF_T_NOTIFICATIONS (NOTIFICATION_STATUS, NEXT_ATTEMPT_TS);

CREATE TABLE UTIL_TRSF_EROR_RQM3 (
    EROR_ID             BIGINT        NOT NULL PRIMARY KEY,
    PRCS_INST_ID        BIGINT        NOT NULL,
    SRCE_FILE_M         VARCHAR(500)  NOT NULL,
    LINE_NUMBER         BIGINT        NOT NULL,
    CONV_MAP_RULE_M     VARCHAR(30)   NOT NULL,
    TRSF_COLM_M         VARCHAR(128),
    VALU_CHNG_BFOR_X    VARCHAR(4000),
    SRCE_EFFT_D         DATE          NOT NULL,
    CREATED_TS          TIMESTAMP     NOT NULL
);
CREATE INDEX UTIL_X_EROR_PRCS ON UTIL_TRSF_EROR_RQM3 (PRCS_INST_ID);
