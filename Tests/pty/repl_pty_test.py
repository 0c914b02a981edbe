#!/usr/bin/env python3
"""Drives the built `rotor` REPL through a real pseudo-terminal, as a person would.

Usage: python3 Tests/pty/repl_pty_test.py PATH/TO/rotor

Checks: the prompt, arithmetic, a method chain on a symbol, an unknown symbol (error with
a suggestion, the session goes on), a syntax error with a caret, multi-line input (one
history entry), Tab completion of a built-in, of symbols and of a method after `.`, a
listing of several candidates, up-arrow recall, Ctrl-C on a line, during a long
evaluation and during a long output (bindings survive), `:help sma`, `:quit` with status 0, history kept across a
restart (consecutive duplicates collapsed), TERM=dumb plain reading, Ctrl-Z and `fg` under
a shell with job control, and the notes `--safe` and `--timeout` give in the REPL. Prints the time
from start to the first prompt. Exit status 0 when every check passes.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

from pty_steps import PROMPT, TIMEOUT, expect, fail  # first: without pexpect, a skip (77)

import pexpect

MORE = "   ..> "


def value_of(rotor, expression, env):
    out = subprocess.run([rotor, "-e", expression], capture_output=True, text=True, env=env, check=True)
    return out.stdout.strip()


def spawn(rotor, env, args=()):
    child = pexpect.spawn(rotor, list(args), env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 120))
    child.logfile_read = LOG
    return child


def run(rotor):
    home = tempfile.mkdtemp(prefix="rotor-pty-")
    history = os.path.join(home, "history")
    env = dict(os.environ, TERM="xterm", HOME=home, ROTOR_HISTORY=history, NO_COLOR="1", LANG="C.UTF-8")
    expected = {
        e: value_of(rotor, e, env)
        for e in [
            "NVDA.since(2024-06-20).change()", "ratio(RSP, SPY).last()", "drawdown(IWM).last()",
            "SPY.maxdrawdown()", "`^RUT`.last()", "NVDA.last()",
        ]
    }

    started = time.monotonic()
    child = spawn(rotor, env)
    expect(child, "banner names the dataset", "symbols,")
    expect(child, "banner points to :help", ":help")
    expect(child, "first prompt", PROMPT)
    print(f"\nprompt ready after {(time.monotonic() - started) * 1000:.0f} ms (pty, includes process start)")

    child.sendline("1 + 2 * 3")
    expect(child, "arithmetic", "\r\n7\r\n")
    expect(child, "prompt after arithmetic", PROMPT)

    child.sendline("NVDA.since(2024-06-20).change()")
    expect(child, "method chain on a symbol", "\r\n" + expected["NVDA.since(2024-06-20).change()"] + "\r\n")
    expect(child, "prompt after chain", PROMPT)

    child.sendline("SPX.last()")
    expect(child, "unknown symbol error", "unknown name 'SPX'")
    expect(child, "unknown symbol suggestion", "did you mean")
    expect(child, "session continues after error", PROMPT)
    child.sendline("keep = 42")
    expect(child, "binding", PROMPT)

    child.sendline("ratio(RSP,, SPY)")
    before = expect(child, "syntax error", "error: expected an expression")
    after = expect(child, "prompt after syntax error", PROMPT)
    if "^" not in after:
        fail("syntax error caret", child, f"no caret in {after!r}")

    child.sendline("ratio(RSP,")
    expect(child, "continuation prompt", MORE)
    child.sendline("SPY).last()")
    expect(child, "multi-line result", "\r\n" + expected["ratio(RSP, SPY).last()"] + "\r\n")
    expect(child, "prompt after multi-line", PROMPT)

    # A paste arrives as one write: a block with blank lines inside runs as in a script.
    child.send("fn twice(x) {\r\r  y = x * 2\r\r  y\r}\rtwice(21)\r")
    expect(child, "pasted block with blank lines", "\r\n42\r\n")
    expect(child, "prompt after paste", PROMPT)
    child.sendline("?sma")
    expect(child, "?name shows the help", "sma(x, n) -> series")
    expect(child, "prompt after ?name", PROMPT)

    child.send("drawdo\t")
    expect(child, "built-in completed with (", "wn(")
    child.send("IWM).last()\r")
    expect(child, "completed built-in runs", "\r\n" + expected["drawdown(IWM).last()"] + "\r\n")
    expect(child, "prompt after built-in completion", PROMPT)

    child.send("NVD\t")
    expect(child, "symbol completed", "A")
    child.send(".last()\r")
    expect(child, "completed symbol runs", "\r\n" + expected["NVDA.last()"] + "\r\n")
    expect(child, "prompt after symbol completion", PROMPT)

    child.send("`^RU\t")
    expect(child, "backtick symbol completed", "T`")
    child.send(".last()\r")
    expect(child, "completed backtick symbol runs", "\r\n" + expected["`^RUT`.last()"] + "\r\n")
    expect(child, "prompt after backtick completion", PROMPT)

    child.send("SPY.maxdr\t")
    expect(child, "method completed after .", "awdown(")
    child.send(")\r")
    expect(child, "completed method runs", "\r\n" + expected["SPY.maxdrawdown()"] + "\r\n")
    expect(child, "prompt after method completion", PROMPT)

    child.send("SPY.s\t")
    expect(child, "several candidates listed", "since")
    expect(child, "listing goes on", "sma")
    child.send("\x15")  # Ctrl-U: kill the line
    child.send("\x03")  # Ctrl-C on a fresh line
    expect(child, "prompt after listing", PROMPT)

    child.send("\x1b[A")  # up arrow: the method-completion line
    expect(child, "up-arrow recall", "maxdrawdown()")
    child.send("\r")
    expect(child, "recalled line runs", "\r\n" + expected["SPY.maxdrawdown()"] + "\r\n")
    expect(child, "prompt after recall", PROMPT)

    child.send("this is abandoned")
    time.sleep(0.2)
    child.sendintr()
    expect(child, "Ctrl-C abandons the line", PROMPT)
    child.sendline("keep + 1")
    expect(child, "nothing ran on Ctrl-C", "\r\n43\r\n")
    expect(child, "prompt after Ctrl-C", PROMPT)

    child.sendline("map(universe(), s => map(universe(), t => corr(s, t)))")
    time.sleep(1.0)
    child.sendintr()
    expect(child, "Ctrl-C interrupts a long evaluation", "interrupted", timeout=10)
    expect(child, "prompt after interrupt", PROMPT)
    child.sendline("keep * 2")
    expect(child, "bindings survive the interrupt", "\r\n84\r\n")
    expect(child, "prompt after interrupt check", PROMPT)

    # A 40 MB output (128 strings of 327,680 characters) is printed as it is produced, and
    # Ctrl-C stops it part way: back to the prompt within seconds, the bindings kept.
    child.sendline(
        's = "0123456789"; ' + "s = s + s; " * 15 + "b = [s, s, s, s, s, s, s, s]; "
        + "b = [b, b, b, b, b, b, b, b]; b = [b, b]; b")
    expect(child, "a long output starts", "0123456789")
    time.sleep(1.0)
    child.sendintr()
    expect(child, "Ctrl-C stops a long output", "interrupted", timeout=10)
    expect(child, "prompt after an interrupted output", PROMPT)
    child.sendline("keep * 3")
    expect(child, "bindings survive an interrupted output", "\r\n126\r\n")
    expect(child, "prompt after the output check", PROMPT)

    child.sendline(":help sma")
    expect(child, ":help signature", "sma(x, n) -> series")
    expect(child, ":help formula", "formula:")
    expect(child, ":help example", "example: ")
    expect(child, ":help runs the example", "sma(ratio(RSP,SPY),50)")
    expect(child, "prompt after :help", PROMPT)

    child.sendline("2 + 2")
    expect(child, "duplicate 1", PROMPT)
    child.sendline("2 + 2")
    expect(child, "duplicate 2", PROMPT)
    child.sendline(":quit")
    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    if child.exitstatus != 0:
        fail(":quit status", None, f"status {child.exitstatus}")

    with open(history, encoding="utf-8") as f:
        entries = f.read().splitlines()[1:]
    if entries.count("2\\040+\\0402") != 1:
        fail("consecutive duplicates collapsed", None, f"history: {entries}")
    if "ratio(RSP,\\040SPY).last()" not in entries:
        fail("multi-line chunk is one history entry", None, f"history: {entries}")
    if "this\\040is\\040abandoned" in entries:
        fail("an abandoned line stays out of history", None, f"history: {entries}")

    child = spawn(rotor, env)
    expect(child, "prompt after restart", PROMPT)
    child.send("\x1b[A")  # :quit
    expect(child, "history kept across restart", ":quit")
    child.send("\x1b[A")  # 2 + 2
    expect(child, "older entry recalled", "2 + 2")
    child.send("\r")
    expect(child, "recalled entry runs after restart", "\r\n4\r\n")
    expect(child, "prompt after restart recall", PROMPT)
    child.sendeof()
    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    if child.exitstatus != 0:
        fail("Ctrl-D status", None, f"status {child.exitstatus}")

    dumb = dict(env, TERM="dumb")
    child = spawn(rotor, dumb)
    expect(child, "TERM=dumb prompt", PROMPT)
    child.sendline("3 * 3")
    expect(child, "TERM=dumb arithmetic", "\r\n9\r\n")
    child.sendline("ratio(RSP,")
    expect(child, "TERM=dumb continuation", MORE)
    child.sendintr()
    expect(child, "TERM=dumb Ctrl-C", PROMPT)
    child.sendline(":quit")
    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    if child.exitstatus != 0:
        fail("TERM=dumb :quit status", None, f"status {child.exitstatus}")

    # Ctrl-Z under a shell with job control: rotor stops, the shell's terminal is in its
    # normal mode (line editing, echo), and after `fg` the session goes on.
    shell_env = dict(env, PS1="SH$ ")
    shell = pexpect.spawn("bash", ["--norc", "--noprofile", "-i"], env=shell_env, encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(40, 120))
    shell.logfile_read = LOG
    expect(shell, "shell prompt", "SH$ ")
    shell.sendline(rotor)
    expect(shell, "prompt under a shell", PROMPT)
    shell.send("\x1a")
    expect(shell, "Ctrl-Z stops rotor", "Stopped")
    expect(shell, "shell prompt after Ctrl-Z", "SH$ ")
    shell.sendline("echo modes=$(stty -a | tr ' ' '\\n' | grep -cxE 'icanon|echo')")
    expect(shell, "the shell's terminal has icanon and echo", "modes=2")
    shell.sendline("fg")
    shell.sendline("3 + 4")
    expect(shell, "the session goes on after fg", "\r\n7\r\n")
    shell.sendline(":quit")
    expect(shell, "shell prompt after :quit", "SH$ ")
    shell.sendline("exit")
    shell.expect(pexpect.EOF, timeout=TIMEOUT)
    shell.close()

    # --safe and --timeout are for scripts, not the REPL: notes say so, and the session works.
    child = spawn(rotor, dumb, ["--safe", "--timeout", "5"])
    expect(child, "--safe note", "--safe restricts scripts and -e, not the REPL")
    expect(child, "--timeout note", "--timeout limits scripts and -e, not the REPL")
    expect(child, "prompt with --timeout", PROMPT)
    child.sendline("2 + 2")
    expect(child, "arithmetic with --timeout", "\r\n4\r\n")
    child.sendline(":quit")
    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    shutil.rmtree(home, ignore_errors=True)
    print("\nOK: every REPL check passed")


class Log:
    """Keeps the session's output for a failure report (quiet unless ROTOR_PTY_VERBOSE)."""

    def write(self, text):
        if os.environ.get("ROTOR_PTY_VERBOSE"):
            sys.stdout.write(text)

    def flush(self):
        sys.stdout.flush()


LOG = Log()

if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    run(os.path.abspath(sys.argv[1]))
