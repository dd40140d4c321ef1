/* The image of the module the hooks went into last (hooks_install): the notifier's globals,
 * its locks among them, lie in it. The range is kept, not read again from the module, which
 * may have been unloaded since. */
#ifndef HOOKED_IMAGE_H
#define HOOKED_IMAGE_H

#include <windows.h>

void hooked_image_set(HMODULE m);
/* p lies in that image. */
int in_hooked_image(const void *p);

#endif
