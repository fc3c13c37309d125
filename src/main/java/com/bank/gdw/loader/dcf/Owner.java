package com.bank.gdw.loader.dcf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This running instance of the loader, as named in the DCF tables: {@code instance:pid:pidNamespace:bootId:token}.
 * {@code instance} is the configured instance name or else the host name ({@code host}, written as HOST_NAME). The
 * boot id (Linux {@code /proc/sys/kernel/random/boot_id}, new at every boot of every kernel) and the pid namespace
 * together tell whether a pid of another owner can be looked up from here at all: a host name is no proof (cloned
 * images share it), nor is a pid namespace inode (every kernel's first namespace has the same one). The token tells
 * apart two instances that reused a pid.
 */
public record Owner(String id, String instance, String host, long pid, String pidNamespace, String bootId) {

    /**
     * The longest instance name: OWNER_ID (VARCHAR(200)) holds it with pid, pid namespace, boot id and token (up to
     * about 70 characters more).
     */
    public static final int MAX_INSTANCE_NAME = 100;

    /** Written where the pid namespace or the boot id cannot be read: such owners are never judged by their pid. */
    static final String UNKNOWN = "-";

    public static Owner current() {
        return current(null);
    }

    /** @param instanceName the operator's name for this instance ({@code loader.instance.name}); blank: the host name */
    public static Owner current(String instanceName) {
        String host = hostName();
        String instance = (instanceName == null || instanceName.isBlank() ? host : instanceName.strip()).replace(':', '-');
        long pid = ProcessHandle.current().pid();
        String namespace = readPidNamespace();
        String boot = readBootId();
        return new Owner(instance + ":" + pid + ":" + namespace + ":" + boot + ":" + UUID.randomUUID().toString().substring(0, 8),
                instance, host, pid, namespace, boot);
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
            return digits.isEmpty() ? UNKNOWN : digits;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return UNKNOWN;
        }
    }

    /** The kernel's boot id (a UUID), or "-". */
    private static String readBootId() {
        try {
            String id = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
            return id.matches("[0-9a-fA-F-]{36}") ? id : UNKNOWN;
        } catch (IOException | SecurityException e) {
            return UNKNOWN;
        }
    }

    /**
     * True when {@code otherId} names an instance of this instance name whose process this one can see has ended: same
     * name, same boot of the same kernel, same pid namespace, and its pid is not alive (or is our own pid, so that
     * process is gone). Two containers that share a host name (host networking) each have their own pid namespace and
     * each sees pid 1 as alive; two cloned VMs share a host name and a pid namespace inode but not a boot id: they, like
     * instances on other hosts, are judged by their lease only.
     */
    public boolean knowsIsGone(String otherId) {
        if (otherId == null || otherId.equals(id) || UNKNOWN.equals(pidNamespace) || UNKNOWN.equals(bootId)) {
            return false;
        }
        String[] parts = otherId.split(":");
        if (parts.length != 5 || !parts[0].equals(instance) || !parts[2].equals(pidNamespace) || !parts[3].equals(bootId)) {
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
