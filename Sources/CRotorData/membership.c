// The S&P 500 membership history (sp500_membership.csv, provenance in SOURCES.md §3),
// embedded with .incbin like the dataset and the prelude.
#include "CRotorData.h"
#if defined(__APPLE__)
__asm__(".const_data\n.globl _rotor_membership_begin\n_rotor_membership_begin:\n"
        ".incbin \"sp500_membership.csv\"\n.globl _rotor_membership_end\n_rotor_membership_end:\n.text\n");
#else
__asm__(".section .rodata\n.global rotor_membership_begin\nrotor_membership_begin:\n"
        ".incbin \"sp500_membership.csv\"\n.global rotor_membership_end\nrotor_membership_end:\n.previous\n");
#endif
extern const unsigned char rotor_membership_begin[], rotor_membership_end[];
const unsigned char *rotor_membership(void) { return rotor_membership_begin; }
size_t rotor_membership_size(void) {
  return (size_t)(rotor_membership_end - rotor_membership_begin);
}
