#include "CEditLineShim.h"
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

volatile sig_atomic_t rotor_interrupted = 0;
static volatile sig_atomic_t *rotor_flag = &rotor_interrupted;

static volatile sig_atomic_t rotor_presses = 0;

/* Sets the flag; a third Ctrl-C that nothing has answered (an evaluation stuck where the
   flag is not polled) leaves at once, as the shell would have. */
static void rotor_on_sigint(int signo) {
  (void)signo;
  *rotor_flag = 1;
  if (++rotor_presses >= 3) {
    static const char message[] = "\nrotor: Ctrl-C pressed 3 times without an answer; leaving\n";
    (void)write(STDERR_FILENO, message, sizeof message - 1);
    _exit(130);
  }
}

int rotor_install_sigint(volatile sig_atomic_t *flag) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  rotor_flag = flag ? flag : &rotor_interrupted;
  action.sa_handler = rotor_on_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0; /* no SA_RESTART: a blocked read returns EINTR */
  return sigaction(SIGINT, &action, NULL);
}

int rotor_interrupt_pending(void) { return *rotor_flag != 0; }

/* The terminal changed size. libedit's own SIGWINCH handling (EL_SIGNAL) calls el_resize
   from inside the signal handler, possibly on another thread and in the middle of a
   redisplay, which frees display buffers still in use ("double free or corruption" when
   the terminal is narrowed to a few columns and widened again). Here the handler only sets
   this flag; the character reader resizes at a safe point (see rotor_read_char). */
static volatile sig_atomic_t rotor_resized = 0;

static void rotor_on_sigwinch(int signo) {
  (void)signo;
  rotor_resized = 1;
}

int rotor_install_sigwinch(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = rotor_on_sigwinch;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  return sigaction(SIGWINCH, &action, NULL);
}

/* The narrowest terminal libedit is told about: below it, the previous width is kept (the
   line wraps on screen, but libedit's layout code never runs at 2 or 3 columns). */
#define ROTOR_MIN_COLUMNS 20

int rotor_el_resize_if_needed(EditLine *el) {
  if (!rotor_resized) return 0;
  rotor_resized = 0;
  struct winsize size;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) return 0;
  if (size.ws_col < ROTOR_MIN_COLUMNS || size.ws_row < 1) return 0;
  el_resize(el);
  return 1;
}

void rotor_interrupt_clear(void) {
  *rotor_flag = 0;
  rotor_presses = 0;
}

void rotor_write_out(const char *text) { fputs(text, stdout); }

void rotor_write_err(const char *text) {
  fflush(stdout);
  fputs(text, stderr);
}

void rotor_flush_out(void) { fflush(stdout); }

int rotor_terminal_width(void) {
  struct winsize size;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

EditLine *rotor_el_open(const char *prog, History *hist,
                        const char *(*prompt)(EditLine *),
                        unsigned char (*complete)(EditLine *, int)) {
  EditLine *el = el_init(prog, stdin, stdout, stderr);
  if (!el) return NULL;
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_PROMPT, prompt);
  if (hist) el_set(el, EL_HIST, history, hist);
  /* No EL_SIGNAL: libedit would resize from its signal handler (see rotor_on_sigwinch). */
  el_set(el, EL_SIGNAL, 0);
  rotor_install_sigwinch();
  if (complete) {
    el_set(el, EL_ADDFN, "rotor-complete", "complete", complete);
    el_set(el, EL_BIND, "^I", "rotor-complete", NULL);
  }
  el_set(el, EL_BIND, "^R", "em-inc-search-prev", NULL);
  el_source(el, NULL);
  return el;
}

void rotor_el_close(EditLine *el) { if (el) el_end(el); }

void rotor_el_set_clientdata(EditLine *el, void *data) { el_set(el, EL_CLIENTDATA, data); }

void *rotor_el_clientdata(EditLine *el) {
  void *data = NULL;
  if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
  return data;
}

/* Reads one character for libedit: a blocking read of UTF-8 bytes, given up on EINTR
   (Ctrl-C) so that el_gets returns at once instead of retrying the read. */
static int rotor_read_char(EditLine *el, wchar_t *out) {
  char bytes[MB_LEN_MAX];
  size_t count = 0;
  mbstate_t state;
  memset(&state, 0, sizeof state);
  for (;;) {
    /* Waiting for a key is the safe point to follow a resize (see rotor_on_sigwinch);
       poll wakes up now and then so a resize is followed even if the signal went to
       another thread. */
    if (count == 0) {
      if (rotor_resized && rotor_el_resize_if_needed(el)) el_set(el, EL_REFRESH);
      struct pollfd ready = {STDIN_FILENO, POLLIN, 0};
      int polled = poll(&ready, 1, 100);
      if (polled == 0) continue;
      if (polled < 0) {
        if (errno == EINTR && !rotor_interrupt_pending()) continue;
        *out = L'\0';
        return -1;
      }
    }
    ssize_t n = read(STDIN_FILENO, bytes + count, 1);
    if (n == -1) {
      if (errno == EINTR && !rotor_interrupt_pending()) continue; /* e.g. SIGWINCH */
      *out = L'\0';
      return -1;
    }
    if (n == 0) {
      *out = L'\0';
      return 0;
    }
    count += 1;
    size_t used = mbrtowc(out, bytes, count, &state);
    if (used == (size_t)-2 && count < sizeof bytes) continue; /* an incomplete sequence */
    if (used == (size_t)-1 || used == (size_t)-2) {           /* invalid: pass the byte on */
      *out = (wchar_t)(unsigned char)bytes[0];
      return 1;
    }
    return 1;
  }
}

void rotor_el_use_interruptible_reader(EditLine *el) {
  el_set(el, EL_GETCFN, rotor_read_char);
}

void rotor_el_prepare_terminal(EditLine *el) {
  (void)rotor_el_resize_if_needed(el);
  el_set(el, EL_PREP_TERM, 1);
}

History *rotor_history_open(int size) {
  HistEvent ev;
  History *h = history_init();
  if (!h) return NULL;
  history(h, &ev, H_SETSIZE, size);
  history(h, &ev, H_SETUNIQUE, 1);
  return h;
}

void rotor_history_close(History *h) { if (h) history_end(h); }

int rotor_history_enter(History *h, const char *line) {
  HistEvent ev;
  return history(h, &ev, H_ENTER, line);
}

int rotor_history_load(History *h, const char *path) {
  HistEvent ev;
  return history(h, &ev, H_LOAD, path);
}

int rotor_history_save(History *h, const char *path) {
  HistEvent ev;
  return history(h, &ev, H_SAVE, path);
}

int rotor_history_count(History *h) {
  HistEvent ev;
  if (history(h, &ev, H_GETSIZE) == -1) return 0;
  return ev.num;
}
