#!/usr/bin/env python3
"""Hostile terminals for the `rotor` REPL, through a real pseudo-terminal.

Usage: python3 Tests/pty/resize_pty_test.py PATH/TO/rotor

Checks: narrowing the terminal to 2-5 columns and widening it again, many times while
typing, leaves the REPL answering (libedit's own resize handling used to end in "double
free or corruption"); the session then leaves with status 0 on Ctrl-D. A history file that
is not libedit's format is kept byte for byte, with one note, and nothing is recorded to it.
Exit status 0 when every check passes.
"""
import os
import shutil
import sys
import tempfile
import time

from pty_steps import PROMPT, TIMEOUT, expect, fail  # first: without pexpect, a skip (77)

import pexpect


def leave(child, step):
    child.sendeof()
    try:
        child.expect(pexpect.EOF, timeout=TIMEOUT)
    except pexpect.TIMEOUT:
        fail(step + ": Ctrl-D", child)
    child.close()
    if child.exitstatus != 0 or child.signalstatus is not None:
        fail(step, child, f"status {child.exitstatus}, signal {child.signalstatus}")
    if "corruption" in (child.before or "") or "free()" in (child.before or ""):
        fail(step, child, "allocator error")


def run(rotor):
    home = tempfile.mkdtemp(prefix="rotor-pty-resize-")
    history = os.path.join(home, "history")
    env = dict(os.environ, TERM="xterm", HOME=home, ROTOR_HISTORY=history, NO_COLOR="1", LANG="C.UTF-8")

    child = pexpect.spawn(rotor, env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(24, 80))
    expect(child, "first prompt", PROMPT)
    for round in range(3):
        typed = []
        for k in range(40):
            child.setwinsize(24, 2 + k % 4)
            child.send("1")
            typed.append("1")
            time.sleep(0.01)
            child.setwinsize(24, 80 + k % 40)
            child.send("+")
            typed.append("+")
            time.sleep(0.01)
        child.setwinsize(24, 80)
        child.sendline("1")
        total = typed.count("1") + 1
        expect(child, f"answer after resizing (round {round + 1})", f"\r\n{total}\r\n")
        expect(child, f"prompt after resizing (round {round + 1})", PROMPT)
    # Resized while idle at the prompt, then used.
    for k in range(30):
        child.setwinsize(24, 2 + k % 4)
        time.sleep(0.005)
        child.setwinsize(24, 100)
    child.sendline("6 * 7")
    expect(child, "answer after idle resizing", "\r\n42\r\n")
    expect(child, "prompt after idle resizing", PROMPT)
    leave(child, "leaving after resizing")

    # A history file in another format is kept and not written to.
    junk = b"not a history file\n\x00\xff\xfe garbage\n"
    with open(history, "wb") as f:
        f.write(junk)
    child = pexpect.spawn(rotor, env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(24, 80))
    expect(child, "note about the history file", "is not one rotor can read")
    expect(child, "prompt with a foreign history file", PROMPT)
    child.sendline("2 + 3")
    expect(child, "answer with a foreign history file", "\r\n5\r\n")
    expect(child, "prompt after the answer", PROMPT)
    leave(child, "leaving with a foreign history file")
    with open(history, "rb") as f:
        if f.read() != junk:
            fail("the foreign history file was changed")

    shutil.rmtree(home, ignore_errors=True)
    print("\nOK: every resize and history check passed")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    run(os.path.abspath(sys.argv[1]))
