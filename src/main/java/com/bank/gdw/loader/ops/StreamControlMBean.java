package com.bank.gdw.loader.ops;

/** The JMX face of one stream (ObjectName com.bank.gdw.loader:type=Stream,name=&lt;code&gt;): what it does and what an operator may do. */
public interface StreamControlMBean {

    /** The stream's name in the DCF tables. */
    String getName();

    /** ACTIVE or INACTIVE, from DCF_T_STRM; UNKNOWN while the DCF database cannot be read. */
    String getStatus();

    /** The unit this instance is loading now, or null. */
    String getCurrentUnit();

    /** Records read so far of the current (or last) unit. */
    long getRowsDone();

    /** Records per second of the current (or last) unit. */
    double getRowsPerSecond();

    /**
     * How long the current unit has been waiting for the database, in whole seconds: the read held up (a lock, a slow
     * server), or the database finishing after the last row (Snowflake's COPY and MERGE). 0 while rows flow.
     */
    long getDatabaseWaitSeconds();

    /** The run this instance is executing now, or null. */
    Long getRunningRunId();

    /** The stream's latest run in DCF_T_STRM_INST (any instance), or null. */
    Long getLastRunId();

    /** Status of that run: RUNNING, COMPLETED, FAILED, NO_DATA_AVAILABLE or ABANDONED. */
    String getLastRunStatus();

    /** Business date (YYYY-MM-DD) of that run. */
    String getLastRunBusinessDate();

    /** Who holds the stream's lease (owner id, run, expiry), or "free". */
    String getLeaseHolder();

    /** Queues a run for a business date (YYYYMMDD), trigger JMX; the run goes the same way as any other. */
    String runNow(String businessDate);

    /** Sets the stream ACTIVE in DCF_T_STRM: its runs are accepted again. */
    String activate();

    /** Sets the stream INACTIVE in DCF_T_STRM: its runs are refused ("Stream is not in active status"). */
    String deactivate();

    /** Frees the stream's lease once it has expired (by the database's clock); a live lease is refused. */
    String releaseStaleLock();

    /**
     * Frees the stream's lease once it has expired, or with {@code force} also a live one (its holder is known to be
     * dead); refused while this instance runs the stream. Logged with the JMX user who asked.
     */
    String releaseStaleLock(boolean force);

    /**
     * The validate command for this stream: reads each unit of the business date (YYYYMMDD) in landing as a load
     * would, writes nothing, and answers per unit the status a run would reach, rows read, rejects and quality.
     */
    String validate(String businessDate);

    /**
     * The replay command for this stream: loads the dates from .. to (YYYYMMDD) again from the archived files, trigger
     * REPLAY; answers what was replayed, skipped or refused, when the runs have ended.
     */
    String replay(String from, String to);
}
