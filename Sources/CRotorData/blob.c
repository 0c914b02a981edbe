// The bundled dataset (packed format, see docs/data.md), embedded with .incbin into the
// binary's read-only data. `.incbin` finds default.rotordata next to this file because
// the target adds "." to the header search path.
//
// The build does NOT track this dependency: Scripts/dev/pack-dataset.sh touches this file
// after rewriting default.rotordata, so that it is recompiled.
#include "CRotorData.h"

#if defined(__APPLE__)
__asm__(".const_data\n.balign 16\n.globl _rotor_blob_begin\n_rotor_blob_begin:\n"
        ".incbin \"default.rotordata\"\n.globl _rotor_blob_end\n_rotor_blob_end:\n.text\n");
#else
__asm__(".section .rodata\n.balign 16\n.global rotor_blob_begin\nrotor_blob_begin:\n"
        ".incbin \"default.rotordata\"\n.global rotor_blob_end\nrotor_blob_end:\n.previous\n");
#endif

extern const unsigned char rotor_blob_begin[], rotor_blob_end[];

const unsigned char *rotor_default_data(void) { return rotor_blob_begin; }

size_t rotor_default_data_size(void) { return (size_t)(rotor_blob_end - rotor_blob_begin); }
