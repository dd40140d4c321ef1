/* The options of this run, with their defaults (see conform.h). */
#include "conform.h"

struct conform cf = {
    .budget_ms = 50,
    .load_budget_ms = 1000,
    .cycles = CONFORM_DEFAULT_CYCLES,
    .threads = 16,
    .ops = 500,
    .stack_budget = 16 * 1024,
    .hang_ms = 20000,
};
