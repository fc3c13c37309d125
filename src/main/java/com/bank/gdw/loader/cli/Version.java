package com.bank.gdw.loader.cli;

import picocli.CommandLine;

/** The version printed by --version: the jar's implementation version. */
public final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"gdw-loader " + (v == null ? "(development build)" : v)};
    }
}
