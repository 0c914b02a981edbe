#include "CEditLineShim.h"
#include <string.h>

volatile sig_atomic_t rotor_interrupted = 0;
static volatile sig_atomic_t *rotor_flag = &rotor_interrupted;

static void rotor_on_sigint(int signo) {
  (void)signo;
  *rotor_flag = 1;
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

EditLine *rotor_el_open(const char *prog, History *hist,
                        const char *(*prompt)(EditLine *),
                        unsigned char (*complete)(EditLine *, int)) {
  EditLine *el = el_init(prog, stdin, stdout, stderr);
  if (!el) return NULL;
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_PROMPT, prompt);
  if (hist) el_set(el, EL_HIST, history, hist);
  el_set(el, EL_SIGNAL, 1);
  if (complete) {
    el_set(el, EL_ADDFN, "rotor-complete", "complete", complete);
    el_set(el, EL_BIND, "^I", "rotor-complete", NULL);
  }
  el_set(el, EL_BIND, "^R", "em-inc-search-prev", NULL);
  el_source(el, NULL);
  return el;
}

void rotor_el_close(EditLine *el) { if (el) el_end(el); }

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
