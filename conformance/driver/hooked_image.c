/* The image the hooks went into (see hooked_image.h). */
#include "hooked_image.h"

#include "measure.h"

#include <stdint.h>

static uintptr_t image_lo;
static uintptr_t image_hi;

void hooked_image_set(HMODULE m)
{
    notifier_range(m, &image_lo, &image_hi);
}

int in_hooked_image(const void *p)
{
    return (uintptr_t)p >= image_lo && (uintptr_t)p < image_hi;
}
