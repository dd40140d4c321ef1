/* Named kernel objects the notifier made (files.objects): a section,
 * event, mutex or semaphore in a namespace every process of the session
 * (Local\) or machine (Global\) sees, whose security lets every user in.
 * [design] The named mutexes among them also serve faults.resources
 * (abandon.h). */
#ifndef OBJECTS_H
#define OBJECTS_H

#include <stddef.h>
#include <windows.h>

/* Notes the handles open now (before LoadLibrary). */
void objects_before(void);

struct objects_scan {
    unsigned named;  /* named objects opened since objects_before */
    unsigned open;   /* of them, open to every user */
    char first[400]; /* the first such: name, type and why; "" if none */
};
/* Scans the handles opened since objects_before. */
void objects_scan(struct objects_scan *s);

/* Calls each(handle, type, NT name, arg) for every named section, event,
 * mutex ("Mutant") or semaphore opened since objects_before; returns how
 * many there were. */
typedef void (*objects_each_fn)(HANDLE h, const WCHAR *type, const WCHAR *name, void *arg);
unsigned objects_each_named(objects_each_fn each, void *arg);

#endif
