package com.bank.gdw.loader.dcf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This running instance of the loader, as named in the DCF tables: {@code instance:pid:pidNamespace:token}.
 * {@code instance} is the configured instance name or else the host name ({@code host}, written as HOST_NAME); the pid
 * namespace (Linux) tells whether a pid of another owner can be looked up from here at all.
 */
public record Owner(String id, String instance, String host, long pid, String pidNamespace) {

    /** Written where the pid namespace cannot be read: such owners are never judged by their pid. */
    static final String UNKNOWN_NAMESPACE = "-";

    public static Owner current() {
        return current(null);
    }

    /** @param instanceName the operator's name for this instance ({@code loader.instance.name}); blank: the host name */
    public static Owner current(String instanceName) {
        String host = hostName();
        String instance = (instanceName == null || instanceName.isBlank() ? host : instanceName.strip()).replace(':', '-');
        long pid = ProcessHandle.current().pid();
        String namespace = readPidNamespace();
        return new Owner(instance + ":" + pid + ":" + namespace + ":" + UUID.randomUUID().toString().substring(0, 8), instance,
                host, pid, namespace);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    /** The inode of this process's pid namespace ({@code pid:[4026531836]} → {@code 4026531836}), or "-". */
    private static String readPidNamespace() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            String digits = link.replaceAll("[^0-9]", "");
            return digits.isEmpty() ? UNKNOWN_NAMESPACE : digits;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return UNKNOWN_NAMESPACE;
        }
    }

    /**
     * True when {@code otherId} names an instance of this instance name whose process this one can see has ended: same
     * name and same pid namespace, and its pid is not alive (or is our own pid, so that process is gone). Two containers
     * that share a host name (host networking) each have their own pid namespace, and each sees pid 1 as alive: they,
     * like instances on other hosts, are judged by their lease only.
     */
    public boolean knowsIsGone(String otherId) {
        if (otherId == null || otherId.equals(id) || UNKNOWN_NAMESPACE.equals(pidNamespace)) {
            return false;
        }
        String[] parts = otherId.split(":");
        if (parts.length < 4 || !parts[0].equals(instance) || !parts[2].equals(pidNamespace)) {
            return false;
        }
        long otherPid;
        try {
            otherPid = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        return otherPid == pid || ProcessHandle.of(otherPid).map(p -> !p.isAlive()).orElse(true);
    }
}
