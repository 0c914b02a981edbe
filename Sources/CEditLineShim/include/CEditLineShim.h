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
/// Attaches a pointer the callbacks can read back (EL_CLIENTDATA).
void rotor_el_set_clientdata(EditLine *el, void *data);
/// The pointer attached with rotor_el_set_clientdata, or NULL.
void *rotor_el_clientdata(EditLine *el);
/// Replaces libedit's character reader with one that gives up on EINTR (Ctrl-C), so that
/// el_gets returns NULL with errno EINTR at the first Ctrl-C. Decodes UTF-8.
void rotor_el_use_interruptible_reader(EditLine *el);
/// Puts the terminal in libedit's editing mode now (EL_PREP_TERM), before el_gets prints the
/// prompt: keys typed as soon as the prompt shows are then read raw (a Ctrl-D typed in the
/// canonical mode libedit otherwise keeps until its first read would arrive as a NUL).
void rotor_el_prepare_terminal(EditLine *el);
/// Installs the SIGWINCH handler: it only notes that the terminal changed size.
int rotor_install_sigwinch(void);
/// Tells libedit the terminal's new size when it changed and is at least 20 columns (a safe
/// point: not inside libedit's redisplay, not in a signal handler); returns 1 when it did.
int rotor_el_resize_if_needed(EditLine *el);
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
/// The number of entries in the history.
int rotor_history_count(History *h);
/// Installs a SIGINT handler (sigaction, no SA_RESTART) that sets *flag to 1; the third
/// press before rotor_interrupt_clear() ends the process (status 130).
int rotor_install_sigint(volatile sig_atomic_t *flag);
/// The flag the handler sets; Swift reads and clears it.
extern volatile sig_atomic_t rotor_interrupted;
/// Whether Ctrl-C was pressed since the flag was last cleared (safe from any thread).
int rotor_interrupt_pending(void);
/// Clears the interrupt flag (and the count of presses).
void rotor_interrupt_clear(void);
/// Writes text to standard output (buffered, as printf).
void rotor_write_out(const char *text);
/// Flushes standard output, then writes text to standard error.
void rotor_write_err(const char *text);
/// Flushes standard output.
void rotor_flush_out(void);
/// The terminal's width in columns (80 when unknown).
int rotor_terminal_width(void);

#endif
