package com.bank.gdw.loader.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's files, from the classpath folder dashboard/: a fixed list, so the HTTP port never serves anything
 * else of the classpath or the working directory (Camel's static file serving would serve both).
 */
public final class DashboardPages {

    /** One file as served. */
    public record Page(byte[] body, String contentType) { }

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    /** The file named by the last part of the request path ("" or "dashboard": the page); NotFound for anything else. */
    public Page page(String path) {
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals("dashboard")) {
            name = "index.html";
        }
        String type = FILES.get(name);
        if (type == null) {
            throw new ControlTablesApi.NotFound("no page " + name);
        }
        try (InputStream in = DashboardPages.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new ControlTablesApi.NotFound("no page " + name);
            }
            return new Page(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
