package com.bank.gdw.loader.ops;

import java.util.Set;

import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lets a remote JMX client in only with a user and password of the {@link JmxCredentials}; every refusal reads the same. */
final class PasswordAuthenticator implements JMXAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordAuthenticator.class);

    private final JmxCredentials credentials;

    PasswordAuthenticator(JmxCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Subject authenticate(Object given) {
        if (given instanceof String[] pair && pair.length == 2 && credentials.accepts(pair[0], pair[1])) {
            LOG.info("remote JMX: {} connected", pair[0]);
            return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
        }
        LOG.warn("remote JMX: a connection was refused (no or wrong credentials)");
        throw new SecurityException("Authentication failed");
    }
}
