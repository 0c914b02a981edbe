#ifndef ROTOR_CEDITLINE_SHIM_H
#define ROTOR_CEDITLINE_SHIM_H
// Fixed-argument wrappers around libedit's variadic el_set() and history(),
// which Swift cannot call, plus the SIGINT flag used to interrupt evaluation.
#include <stdio.h>
#include <signal.h>
#include <histedit.h>

/// Opens an editor in emacs mode with a prompt callback, a history and a completion
/// function bound to Tab. Returns NULL on failure.
EditLine *rotor_el_open(const char *prog, History *hist,
                        const char *(*prompt)(EditLine *),
                        unsigned char (*complete)(EditLine *, int));
/// Closes an editor opened with rotor_el_open.
void rotor_el_close(EditLine *el);
/// Opens a history list holding at most `size` entries, with consecutive duplicates collapsed.
History *rotor_history_open(int size);
/// Frees a history list.
void rotor_history_close(History *h);
/// Adds a line to the history.
int rotor_history_enter(History *h, const char *line);
/// Loads the history file at `path`.
int rotor_history_load(History *h, const char *path);
/// Saves the history to `path`.
int rotor_history_save(History *h, const char *path);
/// Installs a SIGINT handler (sigaction, no SA_RESTART) that sets *flag to 1.
int rotor_install_sigint(volatile sig_atomic_t *flag);
/// The flag the handler sets; Swift reads and clears it.
extern volatile sig_atomic_t rotor_interrupted;

#endif
