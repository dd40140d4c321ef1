/* Growing a spelled name by the units the notifier compared with its NUL
 * (vf_shm.h, VF_CMP_END): a loop that matches a name against a keyword
 * unit by unit compares the name's 0 unit with the keyword's next unit,
 * which libFuzzer's CMP mutation writes over the first 0 unit of the input
 * (header bytes), never at the name's end [design]. */
#ifndef VF_EXTEND_H
#define VF_EXTEND_H

#include "vf_shm.h"

#include <stddef.h>
#include <stdint.h>

/* Runs an input for the mutator, outside libFuzzer's accounting. Returns
 * the request number whose entries the shared file now holds, or 0 when
 * the input gave a finding (the caller returns it, so libFuzzer runs it
 * and keeps it). */
typedef uint32_t (*vf_extend_run_fn)(const uint8_t *data, size_t size);

/* After an input ran (request `gen`): remembers where its spelled names
 * end and which units were compared with a 0 unit, keyed by its bytes. */
void vf_extend_note(const struct vf_shm *shm, uint32_t gen, const uint8_t *data, size_t size);

/* Appends a noted unit to a noted name's end of `data`, then runs the
 * result and goes on while the same comparison site compares the name's
 * new end with another unit (up to a keyword's length). Returns the new
 * size, or 0 when `data` has nothing noted (the caller mutates otherwise).
 * `shm_now` returns the shared file the last run used. */
size_t vf_extend_mutate(uint8_t *data, size_t size, size_t max_size, uint32_t rnd,
                        vf_extend_run_fn run, const struct vf_shm *(*shm_now)(void));

#endif
