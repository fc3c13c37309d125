"""Starts fakesnow's HTTP server for the SNOWFLAKE end-to-end tests (testkit.SnowflakeEmulator).

Usage: python gdw_fakesnow.py PORT

REWRITES bridge statements that real Snowflake runs and the emulator cannot: each rewrites the statement's text as it
arrives, before fakesnow parses it, and is listed in docs/snowflake.md ("Emulator gaps") with the Snowflake
documentation page that says what the real service does. The loader keeps the real statements.
"""
import gzip
import json
import re
import sys
from decimal import Decimal

import uvicorn

import fakesnow.converter
import fakesnow.copy_into
import fakesnow.server
import fakesnow.transforms
from sqlglot import exp

# (gap name as in docs/snowflake.md, pattern, replacement)
REWRITES = [
    # CREATE SEQUENCE ... ORDER: fakesnow's parser stops at ORDER; DuckDB sequences hand out increasing values anyway
    ("sequence ORDER", re.compile(r"(CREATE SEQUENCE [^;]*?)\s+ORDER\s*$", re.IGNORECASE | re.DOTALL), r"\1"),
]


_from_binding = fakesnow.converter.from_binding


def from_binding(binding):
    """Gap "FIXED binding with a fraction": the JDBC driver binds a BigDecimal as FIXED "12.50"; fakesnow reads FIXED
    with int() only."""
    if binding["type"] == "FIXED" and binding["value"] is not None and not re.fullmatch(r"-?\d+", binding["value"]):
        return Decimal(binding["value"])
    return _from_binding(binding)


fakesnow.converter.from_binding = from_binding
fakesnow.server.from_binding = from_binding

_gcs_stage_info = fakesnow.server.gcs_stage_info


def gcs_stage_info(request, expr, put_stage_data):
    """Gap "uploadStream stage info": fakesnow answers a PUT with GCS-style stage info that lacks endPoint, which
    snowflake-jdbc reads unconditionally for GCS (NullPointerException). Real Snowflake sends it (null when unset)."""
    info = _gcs_stage_info(request, expr, put_stage_data)
    info.setdefault("endPoint", None)
    return info


fakesnow.server.gcs_stage_info = gcs_stage_info

# Gap "CSV file format options": fakesnow's COPY refuses every FILE_FORMAT option it does not translate. These are the
# loader's values, each what DuckDB's read_csv does anyway: dropped here; any other value is still refused.
ALREADY_DUCKDB = {
    "RECORD_DELIMITER": {"\\n", "\n"},
    "ESCAPE": {"NONE"},
    "TRIM_SPACE": {"FALSE", "False"},
    "ERROR_ON_COLUMN_COUNT_MISMATCH": {"TRUE", "True"},
    "ENCODING": {"UTF8"},
    "DATE_FORMAT": {"YYYY-MM-DD"},
    "TIME_FORMAT": {"HH24:MI:SS"},
    "TIMESTAMP_FORMAT": {"YYYY-MM-DD HH24:MI:SS.FF9"},
}

_handle_csv = fakesnow.copy_into.handle_csv


def handle_csv(options):
    kept = {}
    for name, value in options.items():
        if name in ALREADY_DUCKDB:
            if str(value) not in ALREADY_DUCKDB[name]:
                raise NotImplementedError(f"FILE_FORMAT option {name} = {value!r}")
            continue
        kept[name] = value
    return _handle_csv(kept)


fakesnow.copy_into.handle_csv = handle_csv

_sequence_nextval = fakesnow.transforms.sequence_nextval


def sequence_nextval(expression):
    """Gap "NEXTVAL in VALUES": fakesnow turns seq.NEXTVAL into NEXTVAL('seq') AS NEXTVAL everywhere, and an alias
    inside VALUES (...) is a syntax error. Real Snowflake takes seq.NEXTVAL in a VALUES list. Aliased only in a
    SELECT's projection here."""
    result = _sequence_nextval(expression)
    if isinstance(result, exp.Alias) and not isinstance(expression.parent, exp.Select):
        return result.this
    return result


fakesnow.transforms.sequence_nextval = sequence_nextval


def numeric_agg_keeps_type(expression):
    """Gap "SUM of NUMBER is DOUBLE": fakesnow casts the argument of SUM, AVG, ... to DOUBLE (for VARCHAR arguments),
    so SUM of a NUMBER(p,s) column comes back rounded as a FLOAT. Real Snowflake returns NUMBER(38,s). The loader
    never aggregates text: the cast is left out."""
    return expression


fakesnow.transforms.numeric_agg_implicit_cast = numeric_agg_keeps_type


def rewrite(sql: str) -> str:
    for _, pattern, replacement in REWRITES:
        sql = pattern.sub(replacement, sql)
    return sql


class RewriteSql:
    """ASGI middleware: rewrites sqlText of query requests (gzip or plain JSON) before fakesnow sees it."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] != "/queries/v1/query-request":
            await self.app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in (b"content-encoding", b"content-length")]
        if dict(scope["headers"]).get(b"content-encoding") == b"gzip":
            body = gzip.decompress(body)
        request = json.loads(body)
        if isinstance(request.get("sqlText"), str):
            request["sqlText"] = rewrite(request["sqlText"])
        body = json.dumps(request).encode("utf-8")
        headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(dict(scope, headers=headers), replay, send)


def main() -> None:
    port = int(sys.argv[1])
    uvicorn.run(RewriteSql(fakesnow.server.app), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
