"""Helper process for dev.sieve.enginelocal.ChdbEngine: runs SQL on chDB.

Usage: chdb_engine.py SESSION_DIR

Protocol (one JSON object per line, ASCII only):
  request  {"sql": "...", "format": "TSV"}, optionally with "encoding": "base64"
  response {"ok": true, "output": "..."} or {"ok": false, "error": "..."}
The output is UTF-8 text, or with "encoding": "base64" the output's bytes in base64,
so binary formats (RowBinary, Native, Parquet) survive the JSON line.
The first response, sent before any request, is the handshake: the chDB version,
or the reason chDB could not be loaded.
"""
import base64
import json
import os
import signal
import sys


def main():
    # Keep a private copy of stdout for the protocol and point fd 1 at stderr, so
    # anything the native engine prints cannot corrupt the response stream.
    protocol = os.fdopen(os.dup(1), "w", encoding="ascii", newline="\n")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def reply(**fields):
        protocol.write(json.dumps(fields) + "\n")
        protocol.flush()

    try:
        import chdb
        from chdb import session

        engine = session.Session(sys.argv[1])
    except Exception as e:  # ImportError, or a broken installation
        reply(ok=False, error=f"{type(e).__name__}: {e}")
        return 2
    # Ctrl-C in a terminal signals the whole foreground process group, this helper included. Its life is
    # its JVM's to end (stdin closed, or killed), so a JVM that shuts down cleanly on Ctrl-C can still
    # flush its last statements here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    reply(ok=True, output=chdb.__version__)

    for line in sys.stdin.buffer:
        request = json.loads(line)
        try:
            output = engine.query(request["sql"], request["format"]).bytes()
            if request.get("encoding") == "base64":
                reply(ok=True, output=base64.b64encode(output).decode("ascii"))
            else:
                reply(ok=True, output=output.decode("utf-8"))
        except Exception as e:  # ChdbError carries ClickHouse's own error text
            reply(ok=False, error=str(e))
    engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
