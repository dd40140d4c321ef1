/* Share names from the notifier's own strings: a notifier that acts only for
 * some servers (a smart-card prompt for \\hr.example.com\, a policy compiled
 * in) runs that code only for names it holds, so the UNC names and prefixes
 * among its file's UTF-16 and ASCII strings become inputs too, as the names
 * of its settings do (setting_names.h). [design] */
#ifndef IMAGE_NAMES_H
#define IMAGE_NAMES_H

#include <windows.h>

/* Reads the DLL file and keeps the UNC names it holds: "\\" then a letter
 * or digit, up to a blank, ';', ',' or a character that is not printable
 * ASCII. */
void image_names_read(const WCHAR *dll);

#endif
