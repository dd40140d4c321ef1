/* The notifier as installed under a long path: products install below
 * "C:\Program Files\<Vendor>\<Product>\..." and some machines have long or
 * localised install folders. A notifier that reads its own module path into
 * a MAX_PATH buffer and appends a file name (a policy, a config, a log
 * beside its DLL) overflows or cuts that path there. [design] */
#ifndef INSTALL_COPY_H
#define INSTALL_COPY_H

#include <windows.h>

enum {
    INSTALL_PATH_UNITS = MAX_PATH - 1, /* the copy's full DLL path, without the terminator */
    INSTALL_MAX_DLLS = 16,             /* the notifier and the DLLs beside it it imports */
    INSTALL_MAX_OTHERS = 32,           /* other files beside it: configs */
    INSTALL_MAX_OTHER_BYTES = 1 << 20,
};

struct install_copy {
    WCHAR root[MAX_PATH]; /* the folder made for the copy: removed with all in it */
    WCHAR dll[MAX_PATH];  /* the copy of the notifier */
    unsigned units;       /* wcslen(dll): INSTALL_PATH_UNITS */
    unsigned dlls;        /* DLLs copied, the notifier included */
    unsigned others;      /* other files copied */
};

/* Copies dll, the DLLs beside it that it imports (also through each other,
 * and delay-loaded) or this process loaded from there, and its small non-PE
 * files beside it (at most INSTALL_MAX_OTHERS of at most
 * INSTALL_MAX_OTHER_BYTES: configs) into a new folder below %ProgramFiles%
 * whose names hold spaces, so that the copy's full path is
 * INSTALL_PATH_UNITS units. 0 on failure (GetLastError tells:
 * ERROR_FILENAME_EXCED_RANGE when the file name leaves no room for those
 * folders); install_copy_remove then removes what was made. */
int install_copy_make(struct install_copy *c, const WCHAR *dll);
/* Deletes the copy's folder and whatever was written into it. */
void install_copy_remove(struct install_copy *c);
/* "C:\Program Files\Connotify Vendor\...\name.dll": the first folders and
 * the file name of path, for texts. */
void install_path_abbreviated(const WCHAR *path, char *out, size_t cap);

#endif
