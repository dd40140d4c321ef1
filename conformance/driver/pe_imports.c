/* The import table of a loaded module (see pe_imports.h). */
#include "pe_imports.h"

void pe_repoint_imports(HMODULE m, import_repoint repoint, void *arg)
{
    char *b = (char *)m;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(b + ((IMAGE_DOS_HEADER *)b)->e_lfanew);
    IMAGE_DATA_DIRECTORY d = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    if (!d.VirtualAddress)
        return;
    IMAGE_IMPORT_DESCRIPTOR *id = (IMAGE_IMPORT_DESCRIPTOR *)(b + d.VirtualAddress);
    for (; id->Name; id++) {
        if (!id->OriginalFirstThunk)
            continue;
        IMAGE_THUNK_DATA *names = (IMAGE_THUNK_DATA *)(b + id->OriginalFirstThunk);
        IMAGE_THUNK_DATA *iat = (IMAGE_THUNK_DATA *)(b + id->FirstThunk);
        for (; names->u1.AddressOfData; names++) {
            IMAGE_THUNK_DATA *slot = iat;
            iat++;
            if (IMAGE_SNAP_BY_ORDINAL(names->u1.Ordinal))
                continue;
            IMAGE_IMPORT_BY_NAME *ibn = (IMAGE_IMPORT_BY_NAME *)(b + names->u1.AddressOfData);
            void *to = repoint((const char *)ibn->Name, (void *)slot->u1.Function, arg);
            DWORD old;
            if (!to || !VirtualProtect(&slot->u1.Function, sizeof slot->u1.Function,
                                       PAGE_READWRITE, &old))
                continue;
            slot->u1.Function = (ULONG_PTR)to;
            VirtualProtect(&slot->u1.Function, sizeof slot->u1.Function, old, &old);
        }
    }
}
