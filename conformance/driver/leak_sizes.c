/* The leak case's phase lengths for this run's --cycles (leak_sizes.h). */
#include "leak_sizes.h"

#include "conform.h"

unsigned leak_size(enum leak_phase phase)
{
    static const unsigned length[] = {
#define LEAK_PHASE_LENGTH(name, length, floor) length,
        LEAK_PHASES(LEAK_PHASE_LENGTH)
#undef LEAK_PHASE_LENGTH
    };
    static const unsigned floor_of[] = {
#define LEAK_PHASE_FLOOR(name, length, floor) floor,
        LEAK_PHASES(LEAK_PHASE_FLOOR)
#undef LEAK_PHASE_FLOOR
    };
    if (cf.cycles >= CONFORM_DEFAULT_CYCLES)
        return length[phase];
    unsigned long long scaled =
        (unsigned long long)length[phase] * cf.cycles / CONFORM_DEFAULT_CYCLES;
    return scaled > floor_of[phase] ? (unsigned)scaled : floor_of[phase];
}
