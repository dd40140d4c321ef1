/* GDI and USER objects of the process (see gui_objects.h). */
#include "gui_objects.h"

#include <windows.h>

enum { SAMPLES = 3, SAMPLE_GAP_MS = 20 };

/* The slots one new brush and one new menu get; -1 for one not made. */
static void sample(struct gui_slots *s)
{
    HBRUSH brush = CreateSolidBrush(RGB(1, 2, 3));
    HMENU menu = CreateMenu();
    s->gdi = brush ? (long)((ULONG_PTR)brush & 0xffff) : -1;
    s->user = menu ? (long)((ULONG_PTR)menu & 0xffff) : -1;
    if (brush)
        DeleteObject(brush);
    if (menu)
        DestroyMenu(menu);
}

/* The lowest of a, b, where -1 is no sample. */
static long lowest(long a, long b)
{
    if (a < 0)
        return b;
    if (b < 0)
        return a;
    return a < b ? a : b;
}

void gui_slots_next(struct gui_slots *s)
{
    sample(s);
    for (int i = 1; i < SAMPLES; i++) {
        struct gui_slots again;
        Sleep(SAMPLE_GAP_MS);
        sample(&again);
        s->gdi = lowest(s->gdi, again.gdi);
        s->user = lowest(s->user, again.user);
    }
}

/* 1 when h is an icon or cursor this process can read (GetIconInfo fails for another
 * process's [wine]); the bitmaps GetIconInfo copies are deleted. */
static int is_own_icon(HICON h)
{
    ICONINFO info;
    if (!GetIconInfo(h, &info))
        return 0;
    if (info.hbmMask)
        DeleteObject(info.hbmMask);
    if (info.hbmColor)
        DeleteObject(info.hbmColor);
    return 1;
}

long gui_own_user_objects(void)
{
    DWORD self = GetCurrentProcessId();
    long n = 0;
    /* Wine's slots are 0x20 + 2 * index in the low word, the odd value naming the same slot
     * [wine]; Windows' low word is the index. */
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    int wine = ntdll && GetProcAddress(ntdll, "wine_get_version");
    ULONG_PTR first = wine ? 0x20 : 1;
    ULONG_PTR step = wine ? 2 : 1;
    /* A handle with a high word of 0 names its slot whatever the slot's generation, on
     * Windows and Wine alike; a menu of another process is no menu here. */
    for (ULONG_PTR h = first; h <= 0xffff; h += step) {
        /* An accelerator table answers its entry count (at least 1). */
        if (IsMenu((HMENU)h) || is_own_icon((HICON)h) ||
            CopyAcceleratorTableW((HACCEL)h, NULL, 0) > 0) {
            n++;
            continue;
        }
        DWORD pid = 0;
        if (IsWindow((HWND)h) && GetWindowThreadProcessId((HWND)h, &pid) && pid == self)
            n++;
    }
    return n;
}
