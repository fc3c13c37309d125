package com.bank.gdw.loader.camel;

import org.apache.camel.CamelContext;

/**
 * What this process is, fixed by the command that started it and not by configuration: {@code serve} runs the file
 * and schedule triggers, the outbox, the HTTP server and remote JMX; a one-shot command ({@code run}, {@code replay},
 * {@code release-lock}) runs none of them. A property could not say it: an environment variable or system property
 * of the same key outranks whatever a command sets, and operators give both commands one environment.
 */
public enum ProcessRole {
    SERVE,
    ONE_SHOT;

    /** The registry name the routes' preconditions use ({@code ${bean:processRole?method=serves}}). */
    public static final String BEAN = "processRole";

    /** Whether this process runs the triggers, schedules, outbox, HTTP server and remote JMX. */
    public boolean serves() {
        return this == SERVE;
    }

    /** The role the starting command bound; {@link #SERVE} when none did (a Camel started as the container is). */
    public static ProcessRole of(CamelContext camel) {
        ProcessRole role = camel.getRegistry().lookupByNameAndType(BEAN, ProcessRole.class);
        return role == null ? SERVE : role;
    }
}
