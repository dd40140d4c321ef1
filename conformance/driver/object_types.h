/* The type of the kernel object behind a handle, as ntdll names it ("Mutant", "Event",
 * "Semaphore"). Nothing here allocates: the hooks of waits ask while their thread may hold
 * a heap's lock. */
#ifndef OBJECT_TYPES_H
#define OBJECT_TYPES_H

#include <windows.h>

/* 1 when h is a handle to an object of type (ntdll's name), else 0. */
int object_type_is(HANDLE h, const WCHAR *type);

#endif
