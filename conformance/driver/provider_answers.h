/* lpProvider NULL is the same network (drive.noprovider [doc]). A caller may leave
 * NETRESOURCE.lpProvider NULL, and the system then finds the provider from lpRemoteName
 * [doc: WNetAddConnection2]: a UNC name reaches the SMB client either way, and `net use`
 * passes NULL. A notifier that polices only adds naming the Windows network (or only those
 * naming none) lets the other spelling of the same add through. Each name is asked with
 * lpProvider the Windows network's name and NULL; a refusal under one must hold under the
 * other. */
#ifndef PROVIDER_ANSWERS_H
#define PROVIDER_ANSWERS_H

#include <windows.h>

void provider_answers_judge(const WCHAR *const *names, unsigned n);

#endif
