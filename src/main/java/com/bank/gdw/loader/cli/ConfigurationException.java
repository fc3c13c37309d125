package com.bank.gdw.loader.cli;

/** The configuration cannot work (a property, a stream definition, a database URL): exit code 2. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
