/* The caller's identity is its thread's. A service maps drives for the clients it
 * impersonates, the notifier runs on the caller's thread, and a thread that impersonates acts
 * with its client's token (CheckTokenMembership with no token reads it [doc]). A notifier that
 * decides by the process's token (OpenProcessToken) gives every impersonated client the
 * service's rights. Each name is asked in a child process whose own token has Administrators
 * deny-only; where that answer differs from the administrator process's, a caller of this
 * process impersonating that same token must get the child's answer. drive.reuse [design] */
#ifndef CALLER_IDENTITY_H
#define CALLER_IDENTITY_H

#include <stddef.h>
#include <windows.h>

/* 1 and the text when a name's answer follows the process's token instead of the caller's. */
int caller_identity_differs(const WCHAR *const *names, unsigned n, char *text, size_t cap);
/* The add PRE answers (FRESH_NO_ANSWER where none) of names in a child started from image
 * (NULL: this program) whose own token has Administrators deny-only; 0 when it could not run.
 * At most 16 names are asked. */
int caller_identity_answers_in(const WCHAR *image, const WCHAR *const *names, unsigned n,
                               DWORD *answers);
/* --identity-child SECTION: this process is that child; run after the driver's set-up. */
void caller_identity_child_role(const WCHAR *section);
/* 1 in that child: caller_identity_child_run asks the names and returns the exit status. */
int caller_identity_child(void);
int caller_identity_child_run(void);

#endif
