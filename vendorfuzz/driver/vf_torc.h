/* The notifier's comparisons (vf_shm.h, struct vf_cmp) handed to
 * libFuzzer's tables of recent comparisons, from which its CMP mutation
 * writes the compared value where the input holds the other one. */
#ifndef VF_TORC_H
#define VF_TORC_H

#include "vf_shm.h"

/* Feeds the entries the input `gen` left; call inside the fuzz callback. */
void vf_torc_feed(const struct vf_shm *shm, uint32_t gen);

#endif
