/* A notifier as deployed finds the folders its installer made: before its
 * first write below %ProgramData% or Program Files into a folder that does
 * not exist, the driver makes that folder, and removes what it made when the
 * case ends. Without this, a notifier whose log folder is missing here never
 * writes, and what only runs once its log grows (rotation) never runs. */
#ifndef INSTALL_FOLDERS_H
#define INSTALL_FOLDERS_H

#include <windows.h>

/* full: the full path of a file the notifier opens for writing. */
void install_folder_ensure(const WCHAR *full);
/* full: the full path of a file the notifier opens for reading only. A
 * missing one below %ProgramData% (not a program or DLL, no wildcard) is
 * made empty, with its folders, as an installer lays down a data file (a
 * phonebook, a block list): the paths
 * behind "the file exists" run too, and what they do when a later open
 * fails (faults.resources). */
void install_file_ensure(const WCHAR *full);
/* Removes the folders and files made, with what the notifier wrote there. */
void install_folders_remove(void);

#endif
