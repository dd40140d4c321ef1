/* snprintf and vsnprintf whose wide strings (%ls, %S, %lc) come out as UTF-8. msvcrt converts
 * them with the C locale's code page and stops the whole text at the first character outside
 * it (measured: a verdict ended at "the add PRE of " before a Cyrillic share name). Every
 * driver source includes this first (CMake: -include), so that both names mean these. */
#ifndef CN_TEXT_PRINTF_H
#define CN_TEXT_PRINTF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

int text_vsnprintf(char *out, size_t cap, const char *fmt, va_list ap)
    __attribute__((format(ms_printf, 3, 0)));
int text_snprintf(char *out, size_t cap, const char *fmt, ...)
    __attribute__((format(ms_printf, 3, 4)));

#define snprintf  text_snprintf
#define vsnprintf text_vsnprintf

#endif
