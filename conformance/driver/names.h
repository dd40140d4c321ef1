/* Names of unusual shape for the name cases: path shapes (many components,
 * separator runs, device prefixes, ':' and '$'), printf directives, and
 * local names that are not an upper-case drive letter. Names are caller
 * data of up to 32767 units [doc]; each here is fenced and sealed, with a
 * label naming its shape for the detail of a failure. */
#ifndef NAMES_H
#define NAMES_H

#include <windows.h>

struct odd_name {
    WCHAR *name;
    char label[96];
};

enum name_family { NAMES_PATH, NAMES_FORMAT, NAMES_LOCAL };

/* Builds the family once; sets *names and returns their number. */
unsigned odd_names(enum name_family family, const struct odd_name **names);

#endif
