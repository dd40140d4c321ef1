/* hwndOwner grants nothing (drive.owner [doc]). hwndOwner is the window the caller lends as
 * the owner of dialogs [doc: NOTIFYADD], and window handles are public to every process of
 * the desktop [doc: User Objects]: any caller can pass any program's window. A notifier that
 * lets a refused name through because of whose window it got (a helpdesk console, an admin
 * tool) lets through every caller that finds that window. Each refused name is asked again
 * with a window of another process: this program, and copies of it at the paths of programs
 * the settings name (setting_programs.h). */
#ifndef OWNER_GRANT_H
#define OWNER_GRANT_H

#include <windows.h>

void owner_grant_judge(const WCHAR *const *names, unsigned n);

#endif
