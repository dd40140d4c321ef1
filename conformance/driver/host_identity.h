/* An unusual but legal identity for a host process: an image path, a current
 * directory and profile folders (TEMP, APPDATA, ...) near MAX_PATH with
 * characters outside every ANSI code page, and a command line near its limit
 * of 32767 units. The notifier runs in every process that maps a drive and
 * sees whatever identity that process has. [design] */
#ifndef HOST_IDENTITY_H
#define HOST_IDENTITY_H

#include <stddef.h>
#include <windows.h>

enum {
    HOST_FOLDER_UNITS = 240, /* current directory and profile folders, with the final '\' */
    HOST_IMAGE_UNITS = 255,  /* the image path */
    HOST_COMMAND_UNITS = 32000,
    HOST_PATH_UNITS = 8000, /* PATH: the profile folder repeated after this process's entries */
};

struct host_identity {
    WCHAR root[MAX_PATH];   /* what host_identity_remove deletes */
    WCHAR folder[MAX_PATH]; /* current directory and profile folders */
    WCHAR image[MAX_PATH];
    WCHAR *environment; /* a Unicode environment block */
    WCHAR *command;     /* the command line */
};

/* Makes the folders and copies this program to the image path; the command
 * line is command_head and text without quotes, HOST_COMMAND_UNITS units
 * in all. 0 (and the Windows error in GetLastError) on failure. */
int host_identity_make(struct host_identity *h, const WCHAR *command_head);
/* Deletes the folders, the copy and whatever was written into them. */
void host_identity_remove(struct host_identity *h);
/* The profile variables pointed at the folder, for texts: "TEMP, TMP, ...". */
const char *host_identity_variables(void);

#endif
