/* A program as C source a vendor pastes into a regression test: the same
 * calls, in the same order, with the same fields and names. */
#ifndef VF_SNIPPET_H
#define VF_SNIPPET_H

#include "vf_program.h"
#include <stdio.h>

void vf_snippet(FILE *out, const struct vf_program *p);

#endif
