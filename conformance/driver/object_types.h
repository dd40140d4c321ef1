/* The type of the kernel object behind a handle, as ntdll names it ("Mutant", "Event",
 * "Semaphore"). Nothing here allocates: the hooks of waits ask while their thread may hold
 * a heap's lock. */
#ifndef OBJECT_TYPES_H
#define OBJECT_TYPES_H

#include <stddef.h>
#include <windows.h>

/* The type's name of h's object into out (cap units); 0 when it cannot be asked. */
int object_type_of(HANDLE h, WCHAR *out, size_t cap);
/* 1 when h is a handle to an object of type (ntdll's name), else 0. */
int object_type_is(HANDLE h, const WCHAR *type);

#endif
