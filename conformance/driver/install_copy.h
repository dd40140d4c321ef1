/* The notifier as installed under a long path: products install below
 * "C:\Program Files\<Vendor>\<Product>\..." and some machines have long or
 * localised install folders. A notifier that reads its own module path into
 * a MAX_PATH buffer and appends a file name (a policy, a config, a log
 * beside its DLL) overflows or cuts that path there; one that takes it with
 * an ANSI API (GetModuleFileNameA, CreateFileA) gets '?' for a character
 * outside the ANSI code page in a folder name. [design] */
#ifndef INSTALL_COPY_H
#define INSTALL_COPY_H

#include <windows.h>

enum {
    INSTALL_PATH_UNITS = MAX_PATH - 1, /* the copy's full DLL path, without the terminator */
    INSTALL_MAX_DLLS = 16,             /* the notifier and the DLLs beside it it imports */
    INSTALL_MAX_OTHERS = 32,           /* other files beside it: configs */
    INSTALL_MAX_OTHER_BYTES = 1 << 20,
};

enum install_layout {
    INSTALL_LONG, /* a full DLL path of INSTALL_PATH_UNITS units */
    INSTALL_WIDE, /* a short path, a folder name holding install_wide_char() */
};

struct install_copy {
    WCHAR root[MAX_PATH]; /* the folder made for the copy: removed with all in it */
    WCHAR dll[MAX_PATH];  /* the copy of the notifier */
    unsigned units;       /* wcslen(dll): INSTALL_PATH_UNITS for INSTALL_LONG */
    unsigned dlls;        /* DLLs copied, the notifier included */
    unsigned others;      /* other files copied */
};

/* Copies dll, the DLLs beside it that it imports (also through each other,
 * and delay-loaded) or this process loaded from there, and its small non-PE
 * files beside it (at most INSTALL_MAX_OTHERS of at most
 * INSTALL_MAX_OTHER_BYTES: configs) into a new folder below %ProgramFiles%
 * (%LOCALAPPDATA%\Programs for a process that may not write there)
 * whose names hold spaces, laid out as layout says. 0 on failure
 * (GetLastError tells: ERROR_FILENAME_EXCED_RANGE when the file name leaves
 * no room for INSTALL_LONG's folders, ERROR_NO_UNICODE_TRANSLATION when
 * INSTALL_WIDE has no character); install_copy_remove then removes what
 * was made. */
int install_copy_make(struct install_copy *c, const WCHAR *dll, enum install_layout layout);
/* The character in INSTALL_WIDE's folder name: the first of U+03A9, U+0416
 * and U+4E2D that the ANSI code page cannot hold; 0 if it holds them all
 * (UTF-8). */
WCHAR install_wide_char(void);
/* Deletes the copy's folder and whatever was written into it. */
void install_copy_remove(struct install_copy *c);
/* "C:\Program Files\Connotify Vendor\...\name.dll": the first folders and
 * the file name of path, for texts. */
void install_path_abbreviated(const WCHAR *path, char *out, size_t cap);

#endif
