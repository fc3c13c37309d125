package com.bank.gdw.loader.lineage;

import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.Transport;

import com.bank.gdw.loader.dcf.Outbox;

/**
 * The send step of the lineage-delivery route: an OPENLINEAGE_EVENT row of the outbox, parsed back into the client's
 * RunEvent and handed to the client's transport (HTTP or a file of JSON lines). A failure throws, and the route's error
 * handler records the attempt with the outbox's backoff, as for mail.
 */
public final class LineageDelivery implements AutoCloseable {

    private final Transport transport;

    public LineageDelivery(Transport transport) {
        this.transport = transport;
    }

    public void send(Outbox.Notification n) {
        if (transport == null) {
            throw new IllegalStateException("OpenLineage is off (no loader.openlineage.url or loader.openlineage.file): "
                    + "event " + n.id() + " is kept until it is configured");
        }
        transport.emit(OpenLineageClientUtils.runEventFromJson(n.content()));
    }

    @Override
    public void close() throws Exception {
        if (transport != null) {
            transport.close();
        }
    }
}
