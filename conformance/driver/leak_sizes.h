/* The lengths of the leak case's phases. Each has its length at the default --cycles
 * (CONFORM_DEFAULT_CYCLES); a shorter --cycles shortens them in proportion, each down to its
 * floor. The tolerances stay: a shorter run answers sooner and finds only larger leaks. */
#ifndef LEAK_SIZES_H
#define LEAK_SIZES_H

/* X(name, at the default --cycles, floor) */
#define LEAK_PHASES(X)                                                                           \
    X(LEAK_PER_SHAPE, 120, 20)      /* cycles of each input shape alone */                       \
    X(LEAK_DISTINCT_WARM, 500, 100) /* cycles of distinct names before the first mark */         \
    X(LEAK_DISTINCT, 4000, 500)     /* cycles each with a remote name never seen before */       \
    X(LEAK_END_THREADS, 128, 32)    /* threads that end without a call, then as many with one */ \
    X(LEAK_CROSSED, 200, 50)        /* rounds of two threads' operations, nested then crossed */ \
    X(LEAK_IMPERSONATED, 500, 100)  /* cycles on a thread impersonating itself */

enum leak_phase {
#define LEAK_PHASE_ENUM(name, length, floor) name,
    LEAK_PHASES(LEAK_PHASE_ENUM)
#undef LEAK_PHASE_ENUM
};

/* The phase's length for this run's --cycles. */
unsigned leak_size(enum leak_phase phase);

#endif
