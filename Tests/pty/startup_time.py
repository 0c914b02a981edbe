#!/usr/bin/env python3
"""Measures how long the REPL takes to show its first prompt on a pseudo-terminal.

Usage: python3 Tests/pty/startup_time.py PATH/TO/rotor [RUNS]

Each run starts `rotor` on a fresh pty (embedded dataset, a fresh HOME and history),
waits for `rotor> `, then leaves with Ctrl-D. Prints min / median / max in milliseconds,
process start included. The target is under 150 ms on a 2-core machine; build
with `swift build -c release` to measure what users get.
"""
import os
import pty
import shutil
import select
import statistics
import sys
import tempfile
import time


def once(binary, env):
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    seen = b""
    while b"rotor> " not in seen:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            raise SystemExit("no prompt within 10 s")
        seen += os.read(fd, 4096)
    elapsed = time.perf_counter() - started
    os.write(fd, b"\x04")
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed * 1000


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    binary = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    home = tempfile.mkdtemp(prefix="rotor-startup-")
    env = dict(os.environ, TERM="xterm", HOME=home, ROTOR_HISTORY=os.path.join(home, "history"))
    once(binary, env)  # warm the page cache
    times = sorted(once(binary, env) for _ in range(runs))
    shutil.rmtree(home, ignore_errors=True)
    print(
        f"prompt ready: min {times[0]:.1f} ms, median {statistics.median(times):.1f} ms, "
        f"max {times[-1]:.1f} ms over {runs} runs ({binary})"
    )


if __name__ == "__main__":
    main()
