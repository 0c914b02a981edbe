#ifndef ROTOR_CROTORDATA_H
#define ROTOR_CROTORDATA_H
#include <stddef.h>
/// The bundled default dataset (packed format, see docs/data.md), embedded in the binary.
const unsigned char *rotor_default_data(void);
/// Its size in bytes.
size_t rotor_default_data_size(void);
/// The prelude script (prelude.rotor), embedded in the binary.
const unsigned char *rotor_prelude(void);
/// Its size in bytes.
size_t rotor_prelude_size(void);
/// The S&P 500 membership history (sp500_membership.csv), embedded in the binary.
const unsigned char *rotor_membership(void);
/// Its size in bytes.
size_t rotor_membership_size(void);
#endif
