-- DCF control tables (contract: shared/spec/dcf-control-tables.md), Snowflake dialect. Timestamps are UTC.
-- Same tables, columns and sequences as db/postgresql/V1; what Snowflake does differently:
-- * BIGINT -> NUMBER(19,0), INTEGER -> NUMBER(10,0), TEXT -> VARCHAR, TIMESTAMP -> TIMESTAMP_NTZ (spelt out, so the
--   account's TIMESTAMP_TYPE_MAPPING cannot turn them into zoned timestamps).
-- * PRIMARY KEY and UNIQUE are declared for readers and tools but not enforced by Snowflake (only NOT NULL is);
--   the loader never relies on them: ids come from sequences, and invariant 1 rests on the lease (DCF_T_STRM_LOCK).
-- * Standard tables have no secondary indexes: the indexes of the other dialects are left out; these tables stay
--   small enough for Snowflake's micro-partition pruning.
-- * Sequences are ORDER: the spec wants process instance ids unique *and increasing*; NOORDER (the default of newer
--   accounts) only promises unique.
-- Columns beyond the contract are marked "loader:"; contract columns are never renamed or dropped.

CREATE SEQUENCE DCF_S_STRM_INST START = 1 INCREMENT = 1 ORDER;
CREATE SEQUENCE DCF_S_PRCS_INST START = 1 INCREMENT = 1 ORDER;
CREATE SEQUENCE DCF_S_EXEC_LOG START = 1 INCREMENT = 1 ORDER;
CREATE SEQUENCE DCF_S_LINEAGE START = 1 INCREMENT = 1 ORDER;
CREATE SEQUENCE DCF_S_NOTIFICATION START = 1 INCREMENT = 1 ORDER;
CREATE SEQUENCE DCF_S_FILE_MOVE START = 1 INCREMENT = 1 ORDER;
CREATE SEQUENCE DCF_S_EROR START = 1 INCREMENT = 1 ORDER;

CREATE TABLE DCF_T_STRM (
    STRM_ID             NUMBER(10,0)  NOT NULL PRIMARY KEY,
    STRM_NAME           VARCHAR(100)  NOT NULL UNIQUE,
    STRM_DESC           VARCHAR(500),
    STRM_STATUS         VARCHAR(10)   NOT NULL,
    TARGET_TABLE        VARCHAR(128)  NOT NULL,
    UPDT_TS             TIMESTAMP_NTZ NOT NULL,
    STRM_CODE           VARCHAR(50)                        -- loader: short name used for routes and JMX
);

-- loader: the stream lease; a run holds it, renews it, and another instance may take it once it expires
CREATE TABLE DCF_T_STRM_LOCK (
    STRM_ID             NUMBER(10,0)  NOT NULL PRIMARY KEY,
    OWNER_ID            VARCHAR(200),
    HOST_NAME           VARCHAR(255),
    STRM_INST_ID        NUMBER(19,0),
    ACQUIRED_TS         TIMESTAMP_NTZ,
    HEARTBEAT_TS        TIMESTAMP_NTZ,
    LEASE_EXPIRES_TS    TIMESTAMP_NTZ
);

CREATE TABLE DCF_T_STRM_INST (
    STRM_INST_ID        NUMBER(19,0)  NOT NULL PRIMARY KEY,
    STRM_ID             NUMBER(10,0)  NOT NULL,
    STRM_NAME           VARCHAR(100)  NOT NULL,
    BUS_DT              DATE          NOT NULL,
    BATCH_ID            VARCHAR(64)   NOT NULL,
    TRIGGER_TYPE        VARCHAR(10)   NOT NULL,
    STRM_START_TS       TIMESTAMP_NTZ NOT NULL,
    STRM_END_TS         TIMESTAMP_NTZ,
    STRM_STATUS         VARCHAR(20)   NOT NULL,
    FILES_FOUND         NUMBER(10,0),
    FILES_LOADED        NUMBER(10,0),
    ERROR_MESSAGE       VARCHAR(4000),
    HOST_NAME           VARCHAR(255),
    OWNER_ID            VARCHAR(200)                       -- loader: host:pid:uuid of the instance that ran it
);
-- invariant 1 rests on the lease (DCF_T_STRM_LOCK): Snowflake has no partial unique index

CREATE TABLE DCF_T_PRCS_INST (
    PRCS_INST_ID        NUMBER(19,0)  NOT NULL PRIMARY KEY,
    STRM_INST_ID        NUMBER(19,0)  NOT NULL,
    STRM_ID             NUMBER(10,0)  NOT NULL,
    STRM_NAME           VARCHAR(100)  NOT NULL,
    PRCS_NAME           VARCHAR(100)  NOT NULL,
    PRCS_BUS_DT         DATE          NOT NULL,
    FILE_NAME           VARCHAR(500)  NOT NULL,
    FILE_SHA256         VARCHAR(64),
    PRCS_START_TS       TIMESTAMP_NTZ NOT NULL,
    PRCS_END_TS         TIMESTAMP_NTZ,
    PRCS_STATUS         VARCHAR(20)   NOT NULL,
    INPUT_ROWS          NUMBER(19,0),
    REJECTED_ROWS       NUMBER(19,0),
    DUPLICATE_ROWS      NUMBER(19,0),
    ROWS_WRITTEN        NUMBER(19,0),
    AVG_DQ_SCORE        NUMBER(6,2),
    MIN_DQ_SCORE        NUMBER(10,0),
    ERROR_MESSAGE       VARCHAR(4000),
    TRIGGER_FILE_NAME   VARCHAR(500),                      -- loader
    DQ_HIGH_ROWS        NUMBER(19,0),                      -- loader: records per quality band
    DQ_MEDIUM_ROWS      NUMBER(19,0),                      -- loader
    DQ_LOW_ROWS         NUMBER(19,0),                      -- loader
    CONTROL_AMOUNT      NUMBER(38,6),                      -- loader: sum of the reconciliation amount column
    OWNER_ID            VARCHAR(200)                       -- loader
);

CREATE TABLE DCF_T_PRCS_EXEC_LOG (
    EXEC_LOG_ID         NUMBER(19,0)  NOT NULL PRIMARY KEY,
    STRM_ID             NUMBER(10,0)  NOT NULL,
    STRM_NAME           VARCHAR(100)  NOT NULL,
    PRCS_INST_ID        NUMBER(19,0),
    PRCS_NAME           VARCHAR(100),
    PRCS_START_TS       TIMESTAMP_NTZ,
    PRCS_END_TS         TIMESTAMP_NTZ,
    PRCS_STATUS         VARCHAR(20),
    PRCS_STATISTICS     VARCHAR,
    EXEC_USER_ID        VARCHAR(100),
    MESSAGE_TYPE        VARCHAR(5)    NOT NULL,
    MESSAGE_TEXT        VARCHAR(4000),
    STRM_INST_ID        NUMBER(19,0),                      -- loader
    FILE_NAME           VARCHAR(500),                      -- loader: the file a message is about
    LOG_TS              TIMESTAMP_NTZ NOT NULL             -- loader
);

CREATE TABLE DCF_T_DATA_LINEAGE (
    LINEAGE_ID          NUMBER(19,0)  NOT NULL PRIMARY KEY,
    STRM_ID             NUMBER(10,0)  NOT NULL,
    PRCS_INST_ID        NUMBER(19,0)  NOT NULL,
    PRCS_DATE           DATE          NOT NULL,
    SOURCE_FILE         VARCHAR(500)  NOT NULL,
    FILE_ROLE           VARCHAR(10)   NOT NULL,
    TARGET_TABLE        VARCHAR(128),
    ROWS_WRITTEN        NUMBER(19,0),
    ARCHIVE_PATH        VARCHAR(1000) NOT NULL,
    ARCHIVE_STATUS      VARCHAR(20)   NOT NULL,
    ARCHIVE_TS          TIMESTAMP_NTZ NOT NULL,
    RETENTION_EXPIRY_DATE DATE        NOT NULL,
    LIFECYCLE_STAGE     VARCHAR(10)   NOT NULL,
    PURGED_TS           TIMESTAMP_NTZ                      -- loader
);

-- loader: file moves are written here before they happen and marked done after, so a crash between the
-- database commit and the move is finished by recovery and no file is ever lost
CREATE TABLE DCF_T_FILE_MOVE (
    MOVE_ID             NUMBER(19,0)  NOT NULL PRIMARY KEY,
    STRM_ID             NUMBER(10,0)  NOT NULL,
    PRCS_INST_ID        NUMBER(19,0)  NOT NULL,
    FILE_ROLE           VARCHAR(10)   NOT NULL,
    SOURCE_PATH         VARCHAR(1000) NOT NULL,
    TARGET_PATH         VARCHAR(1000) NOT NULL,
    DESTINATION         VARCHAR(10)   NOT NULL,            -- ARCHIVE | ERROR
    MOVE_STATUS         VARCHAR(10)   NOT NULL,            -- PENDING | DONE | MISSING
    CREATED_TS          TIMESTAMP_NTZ NOT NULL,
    DONE_TS             TIMESTAMP_NTZ
);

CREATE TABLE DCF_T_NOTIFICATIONS (
    NOTIFICATION_ID     NUMBER(19,0)  NOT NULL PRIMARY KEY,
    NOTIFICATION_TYPE   VARCHAR(30)   NOT NULL,
    STRM_ID             NUMBER(10,0)  NOT NULL,
    STRM_NAME           VARCHAR(100)  NOT NULL,
    STRM_INST_ID        NUMBER(19,0),
    NOTIFICATION_CONTENT VARCHAR      NOT NULL,
    NOTIFICATION_STATUS VARCHAR(10)   NOT NULL,
    CREATED_TS          TIMESTAMP_NTZ NOT NULL,
    SENT_TS             TIMESTAMP_NTZ,
    ATTEMPTS            NUMBER(10,0)  NOT NULL,
    NEXT_ATTEMPT_TS     TIMESTAMP_NTZ,                     -- loader: retry with backoff
    LAST_ERROR          VARCHAR(4000),                     -- loader
    ATTACHMENT_PATH     VARCHAR(1000)                      -- loader: the CSV report mailed with it
);

CREATE TABLE UTIL_TRSF_EROR_RQM3 (
    EROR_ID             NUMBER(19,0)  NOT NULL PRIMARY KEY,
    PRCS_INST_ID        NUMBER(19,0)  NOT NULL,
    SRCE_FILE_M         VARCHAR(500)  NOT NULL,
    LINE_NUMBER         NUMBER(19,0)  NOT NULL,
    CONV_MAP_RULE_M     VARCHAR(30)   NOT NULL,
    TRSF_COLM_M         VARCHAR(128),
    VALU_CHNG_BFOR_X    VARCHAR(4000),
    SRCE_EFFT_D         DATE          NOT NULL,
    CREATED_TS          TIMESTAMP_NTZ NOT NULL
);
