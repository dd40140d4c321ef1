/* GDI and USER objects of the process (see gui_objects.h). */
#include "gui_objects.h"

#include <windows.h>

void gui_slots_next(struct gui_slots *s)
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
