package com.bank.gdw.loader.dcf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** This running instance of the loader, as named in the DCF tables: host:pid:token. */
public record Owner(String id, String host, long pid) {

    public static Owner current() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        long pid = ProcessHandle.current().pid();
        return new Owner(host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8), host, pid);
    }

    /**
     * True when {@code otherId} names an instance on this host whose process has ended, or an earlier process
     * that had our pid (a restarted container is pid 1 again). Instances on other hosts are judged by their lease.
     */
    public boolean knowsIsGone(String otherId) {
        if (otherId == null || otherId.equals(id)) {
            return false;
        }
        String[] parts = otherId.split(":");
        if (parts.length < 3 || !parts[0].equals(host)) {
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
