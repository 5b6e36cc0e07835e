"""Helper process for dev.sieve.enginelocal.ChdbEngine: runs SQL on chDB.

Usage: chdb_engine.py SESSION_DIR [SOCKET]

Protocol (one JSON object per line, ASCII only):
  request  {"sql": "...", "format": "TSV"}, optionally with "encoding": "base64"
  response {"ok": true, "output": "..."} or {"ok": false, "error": "..."}
The output is UTF-8 text, or with "encoding": "base64" the output's bytes in base64,
so binary formats (RowBinary, Native, Parquet) survive the JSON line.
The first response on stdout, sent before any request, is the handshake: the chDB version,
or the reason chDB could not be loaded.

stdin/stdout is the first connection. Each client of the Unix socket SOCKET, if given, is one more,
served by a thread of its own with a chDB connection of its own (its own settings and
current database, the same databases and tables): statements on different connections
run at the same time, as chDB releases the GIL while it runs one.
"""
import base64
import json
import os
import signal
import socket
import sys
import threading


def serve(engine, requests, protocol):
    """Answers each request line of one connection, in order, until the requests end."""

    def reply(**fields):
        protocol.write(json.dumps(fields) + "\n")
        protocol.flush()

    for line in requests:
        request = json.loads(line)
        try:
            output = engine.query(request["sql"], request["format"]).bytes()
            if request.get("encoding") == "base64":
                reply(ok=True, output=base64.b64encode(output).decode("ascii"))
            else:
                reply(ok=True, output=output.decode("utf-8"))
        except Exception as e:  # ChdbError carries ClickHouse's own error text
            reply(ok=False, error=str(e))


def accept(listener, connect):
    while True:
        client, _ = listener.accept()
        threading.Thread(target=serve_client, args=(client, connect), daemon=True).start()


def serve_client(client, connect):
    with client, client.makefile("rb") as requests, \
            client.makefile("w", encoding="ascii", newline="\n") as protocol:
        engine = connect()
        try:
            serve(engine, requests, protocol)
        finally:
            engine.close()


def main():
    # Keep a private copy of stdout for the protocol and point fd 1 at stderr, so
    # anything the native engine prints cannot corrupt the response stream.
    protocol = os.fdopen(os.dup(1), "w", encoding="ascii", newline="\n")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    try:
        import chdb
        from chdb import session

        engine = session.Session(sys.argv[1])
        listener = None
        if len(sys.argv) > 2:
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            listener.bind(sys.argv[2])
            listener.listen()
    except Exception as e:  # ImportError, or a broken installation
        protocol.write(json.dumps({"ok": False, "error": f"{type(e).__name__}: {e}"}) + "\n")
        protocol.flush()
        return 2
    # Ctrl-C in a terminal signals the whole foreground process group, this helper included. Its life is
    # its JVM's to end (stdin closed, or killed), so a JVM that shuts down cleanly on Ctrl-C can still
    # flush its last statements here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if listener:
        threading.Thread(target=accept, args=(listener, lambda: session.Session(sys.argv[1])), daemon=True).start()
    protocol.write(json.dumps({"ok": True, "output": chdb.__version__}) + "\n")
    protocol.flush()
    serve(engine, sys.stdin.buffer, protocol)
    engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
