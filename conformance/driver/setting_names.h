/* Share names from the notifier's own settings (the --reg file the runner
 * imported): a policy that refuses some shares answers differently only for
 * the names it lists, so those names become inputs too. */
#ifndef SETTING_NAMES_H
#define SETTING_NAMES_H

#include "shapes.h"

#include <windows.h>

/* Reads path (a .reg file: UTF-16LE with a BOM, or UTF-8) and keeps the UNC
 * names (\\server\share...) of its string values, REG_SZ, REG_EXPAND_SZ and
 * REG_MULTI_SZ, split at ';', ',' and blanks, then (at most 4) server names
 * and suffixes as \\server\share, a wildcard pattern as a server it matches
 * ('*' as "qx", '?' as 'q'). Returns how many it kept. */
unsigned setting_names_read(const WCHAR *path);
/* Keeps the UNC names of text (len units) as setting_names_read does;
 * from_image: found among the notifier's own strings (image_names.h). */
void setting_names_keep(const WCHAR *text, size_t len, int from_image);
/* Shapes that add Y: for each name kept and cancel it; 0 when none. */
unsigned setting_shapes(void);
const struct shape *setting_shape_at(unsigned i);
/* The bare words of the settings file's values that may name a user or a server ("alice",
 * "evil"; not a suffix nor a UNC name), at most cap, into out; how many. */
unsigned setting_words(const WCHAR **out, unsigned cap);

/* Made-up servers no setting lists: SETTING_UNLISTED_SINGLE single-label names
 * (\\qx-unlisted\share, ...), then as many DNS names of a domain no setting names
 * (\\qx-unlisted.partner.example\share, ...). Both of one shape refused means an allow list
 * for that shape: a list of DNS domains may let every single-label name through by design. */
enum { SETTING_UNLISTED_SINGLE = 2, SETTING_UNLISTED = 4 };
const WCHAR *const *setting_unlisted_names(void);
/* The kind of list a value's name says it is. */
enum setting_list {
    SETTING_LIST_NONE,
    SETTING_LIST_BLOCK,  /* block, deny, denied, disallow, forbid, prohibit, blacklist, banned */
    SETTING_LIST_ALLOW,  /* allow, permit, whitelist (and none of the above) */
    SETTING_LIST_EXCEPT, /* except, exempt: names a block list lets through (ShareExceptions) */
    SETTING_LISTS
};
/* The list a value named value_name is, as the names above are kept from it. */
enum setting_list setting_list_of_value(const WCHAR *value_name);
/* The names kept from values of list `kind`, at most cap, into out; how many. */
unsigned setting_list_names(enum setting_list kind, const WCHAR **out, unsigned cap);
/* Those values' names, ", " between them ("" when none). */
const WCHAR *setting_list_values(enum setting_list kind);

/* The drive letters (upper case, no colon) of values named as drives a user may not
 * disconnect (ProtectedDrives, PinnedLetters: "K:;M:"), into *letters; how many. */
unsigned setting_protected_drives(const WCHAR **letters);
/* Those values' names, ", " between them ("" when none). */
const WCHAR *setting_protected_values(void);

#endif
