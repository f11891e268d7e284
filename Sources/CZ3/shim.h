#ifndef ANVIL_CZ3_SHIM_H
#define ANVIL_CZ3_SHIM_H
#include <z3.h>
#endif
