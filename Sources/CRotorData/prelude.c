// The prelude (prelude.rotor), embedded with .incbin like the dataset. The build does not
// track prelude.rotor: touch this file after changing it.
#include "CRotorData.h"
__asm__(".section .rodata\n.global rotor_prelude_begin\nrotor_prelude_begin:\n"
        ".incbin \"prelude.rotor\"\n.global rotor_prelude_end\nrotor_prelude_end:\n.previous\n");
extern const unsigned char rotor_prelude_begin[], rotor_prelude_end[];
const unsigned char *rotor_prelude(void) { return rotor_prelude_begin; }
size_t rotor_prelude_size(void) { return (size_t)(rotor_prelude_end - rotor_prelude_begin); }
