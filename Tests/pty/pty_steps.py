"""What the pseudo-terminal tests share: pexpect (or a skip, status 77), the prompt, the
time limit of a step, and how a step waits and fails."""
import sys

try:
    import pexpect
except ImportError:
    print("SKIP: python3 has no pexpect (pip install pexpect)")
    sys.exit(77)

PROMPT = "rotor> "
TIMEOUT = 30


def fail(step, child=None, detail=""):
    print(f"FAIL: {step} {detail}")
    if child is not None:
        print("--- last output ---")
        print(repr((child.before or "")[-2000:]))
    sys.exit(1)


def expect(child, step, text, timeout=TIMEOUT):
    """Waits for `text` (exactly); fails the step on a timeout or end of output. Returns what
    came before it."""
    try:
        child.expect_exact(text, timeout=timeout)
    except (pexpect.TIMEOUT, pexpect.EOF) as error:
        fail(step, child, f"(waiting for {text!r}: {type(error).__name__})")
    return child.before
