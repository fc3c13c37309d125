package com.bank.gdw.loader.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** The version printed by --version: the jar's version and the git commit it was built from (git.properties). */
public final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        Properties git = new Properties();
        try (InputStream in = Version.class.getClassLoader().getResourceAsStream("git.properties")) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException e) {
            // no commit to name
        }
        String commit = git.getProperty("git.commit.id.abbrev", "unknown");
        if (Boolean.parseBoolean(git.getProperty("git.dirty", "false"))) {
            commit += " with uncommitted changes";
        }
        String time = git.getProperty("git.commit.time");
        return new String[] {"gdw-loader " + (v == null ? "(development build)" : v) + " (commit " + commit
                + (time == null ? "" : ", " + time) + ")"};
    }
}
