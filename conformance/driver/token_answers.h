/* Answers kept from another caller: a service maps drives for the clients
 * it impersonates, so the callers of one process are of several
 * identities. A notifier that decides by the caller's groups (an
 * administrative share for administrators only) and keeps the answer for
 * the process gives the next caller the first one's rights (drive.reuse).
 * [design] */
#ifndef TOKEN_ANSWERS_H
#define TOKEN_ANSWERS_H

#include <stddef.h>
#include <windows.h>

/* The add PRE of remote (fenced) on Y: in fresh loads: alone[0] as the process (an
 * administrator), alone[1] impersonating its token with Administrators deny-only. 0 when an
 * answer is not the same in each load or the token cannot be made. Asked once per name and
 * process: a second ask gives the first one's answers. */
int token_answers_alone(const WCHAR *remote, DWORD alone[2]);
/* Each name whose add PRE differs, in fresh loads, between the process's own
 * token and an impersonated one with Administrators deny-only: asked as one
 * right after the other must get its own answer, twice. 1 and the text when
 * not. */
int token_answers_differ(const WCHAR *const *names, unsigned n, char *text, size_t cap);

#endif
