package com.bank.gdw.loader.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;

/**
 * RMI server sockets on one address (null: all). A record, so equal factories let the RMI registry and the JMX
 * connector share one port, which is what a firewall rule or a container port mapping needs.
 */
record BoundServerSocketFactory(InetAddress address) implements RMIServerSocketFactory {

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new ServerSocket(port, 0, address);
    }
}
