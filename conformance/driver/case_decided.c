/* A case ends when every check asked of it has failed (see case_decided.h). */
#include "case_decided.h"

#include "catalogue.h"
#include "wanted.h"

#include <windows.h>

#include <string.h>

enum { CHECKS_MAX = 256 };

static const char *armed_case;
static void (*end_case)(void);
static volatile LONG failed[CHECKS_MAX];
static volatile LONG ending;

void case_decided_arm(const char *casename, void (*end)(void))
{
    armed_case = casename;
    end_case = end;
}

void case_decided_note(const char *check, const char *verdict)
{
    if (!end_case || strcmp(verdict, "fail"))
        return;
    const struct check *c = check_find(check);
    if (!c || c - checks >= CHECKS_MAX)
        return;
    InterlockedExchange(&failed[c - checks], 1);
    for (unsigned i = 0; i < n_checks && i < CHECKS_MAX; i++) {
        if (!strcmp(checks[i].casename, armed_case) && wanted(checks[i].id) && !failed[i])
            return;
    }
    if (InterlockedExchange(&ending, 1) == 0)
        end_case();
}
