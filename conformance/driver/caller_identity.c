/* The caller's identity is its thread's (see caller_identity.h). */
#include "caller_identity.h"

#include "answers.h"
#include "call.h"
#include "child.h"
#include "conform.h"
#include "fence.h"
#include "fresh_load.h"
#include "restricted_token.h"
#include "shown_name.h"
#include "token_answers.h"

#include <stdio.h>
#include <wchar.h>

enum { NAMES = 16, NAME_UNITS = 260, CHILD_LIMIT_MS = 120000, NAME_TEXT = 700 };

/* Shared with the child, which writes the answers. */
struct identity_section {
    unsigned n;
    DWORD answers[NAMES];
    WCHAR names[NAMES][NAME_UNITS];
};

static WCHAR child_section[64];

void caller_identity_child_role(const WCHAR *section)
{
    swprintf(child_section, 64, L"%ls", section);
}

int caller_identity_child(void)
{
    return child_section[0] != 0;
}

/* A name's add PRE in this process. */
static DWORD ask_here(const void *arg)
{
    return answers_add_pre_fenced(arg, "lpRemoteName (in a process of another identity)");
}

/* The answer in FRESH_ROUNDS fresh loads, the same in each, else FRESH_NO_ANSWER. */
static DWORD child_answer(const WCHAR *name)
{
    DWORD answer = FRESH_NO_ANSWER;
    return fresh_load_answer(ask_here, name, &answer) ? answer : FRESH_NO_ANSWER;
}

int caller_identity_child_run(void)
{
    HANDLE mapping = OpenFileMappingW(FILE_MAP_WRITE, FALSE, child_section);
    struct identity_section *shared =
        mapping ? MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, sizeof *shared) : NULL;
    if (!shared || !load_notifier())
        return 1;
    std_names();
    for (unsigned i = 0; i < shared->n && i < NAMES; i++)
        shared->answers[i] = child_answer(shared->names[i]);
    return 0;
}

/* The section, open to any token (a NULL DACL: the child's token has Administrators
 * deny-only, and the section's default owner may be that group). */
static struct identity_section *section_made(HANDLE *mapping, WCHAR *name)
{
    SECURITY_DESCRIPTOR sd;
    SECURITY_ATTRIBUTES sa = {.nLength = sizeof sa, .lpSecurityDescriptor = &sd};
    swprintf(name, 64, L"Local\\connotify-identity-%lu-%lu", GetCurrentProcessId(), GetTickCount());
    if (!InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION) ||
        !SetSecurityDescriptorDacl(&sd, TRUE, NULL, FALSE))
        return NULL;
    *mapping = CreateFileMappingW(INVALID_HANDLE_VALUE, &sa, PAGE_READWRITE, 0,
                                  sizeof(struct identity_section), name);
    if (!*mapping)
        return NULL;
    struct identity_section *s = MapViewOfFile(*mapping, FILE_MAP_WRITE, 0, 0, sizeof *s);
    if (!s)
        CloseHandle(*mapping);
    return s;
}

/* The child's answers into s, the child started from image (NULL: this program); 0 when it
 * could not run. A child that crashed or hung in a call printed its verdict: this process
 * ends with its status. */
static int child_answers(struct identity_section *s, const WCHAR *section, const WCHAR *image)
{
    WCHAR args[MAX_PATH + 96];
    PROCESS_INFORMATION pi;
    HANDLE token = restricted_token_primary();
    if (!token)
        return 0;
    swprintf(args, sizeof args / sizeof args[0], L"--identity-child %ls spelling \"%ls\"", section,
             cf.dll);
    child_next_as(token);
    return child_start(image, NULL, args, NULL, NULL, NULL, &pi) && child_done(&pi, CHILD_LIMIT_MS);
}

/* The names (at most NAMES, each shorter than NAME_UNITS) into s; their indexes in asked. */
static void section_names(struct identity_section *s, const WCHAR *const *names, unsigned n,
                          unsigned *asked)
{
    for (unsigned i = 0; i < n && s->n < NAMES; i++) {
        if (wcslen(names[i]) >= NAME_UNITS)
            continue;
        asked[s->n] = i;
        wcscpy(s->names[s->n], names[i]);
        s->answers[s->n] = FRESH_NO_ANSWER;
        s->n++;
    }
}

int caller_identity_answers_in(const WCHAR *image, const WCHAR *const *names, unsigned n,
                               DWORD *answers)
{
    HANDLE mapping = NULL;
    WCHAR section[64];
    unsigned asked[NAMES];
    struct identity_section *s = section_made(&mapping, section);
    if (!s)
        return 0;
    section_names(s, names, n, asked);
    for (unsigned i = 0; i < n; i++)
        answers[i] = FRESH_NO_ANSWER;
    int ran = s->n && child_answers(s, section, image);
    for (unsigned k = 0; ran && k < s->n; k++)
        answers[asked[k]] = s->answers[k];
    UnmapViewOfFile(s);
    CloseHandle(mapping);
    return ran;
}

int caller_identity_differs(const WCHAR *const *names, unsigned n, char *text, size_t cap)
{
    HANDLE mapping = NULL;
    WCHAR section[64];
    struct identity_section *s = section_made(&mapping, section);
    if (!s)
        return 0;
    unsigned asked[NAMES];
    section_names(s, names, n, asked);
    int found = 0;
    if (s->n && child_answers(s, section, NULL)) {
        for (unsigned k = 0; k < s->n && !found; k++) {
            DWORD alone[2];
            DWORD other = s->answers[k];
            const WCHAR *name = names[asked[k]];
            WCHAR *remote = fence_wstr(name, "lpRemoteName (callers of two identities)");
            if (other != FRESH_NO_ANSWER && token_answers_alone(remote, alone) &&
                other != alone[0] && alone[1] == alone[0]) {
                char name_text[NAME_TEXT];
                snprintf(text, cap,
                         "for %s the add PRE returned %s in a process whose own token has "
                         "Administrators deny-only, and %s to a caller impersonating that same "
                         "token in an administrator's process, as to the process itself (fresh "
                         "loads, %d rounds each): the notifier judges the process's identity, "
                         "not its caller's, so a service that maps drives for the clients it "
                         "impersonates gives each of them the service's rights; ask the "
                         "thread's token (CheckTokenMembership with NULL, or OpenThreadToken "
                         "first)",
                         shown_name(name, name_text, sizeof name_text), wn_name(other),
                         wn_name(alone[1]), FRESH_ROUNDS);
                found = 1;
            }
            fence_free(remote);
        }
    }
    UnmapViewOfFile(s);
    CloseHandle(mapping);
    return found;
}
