/* The system headers most driver files include, precompiled once for all of
 * them (../CMakeLists.txt): each file still includes what it uses itself. */
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
