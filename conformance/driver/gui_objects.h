/* GDI and USER objects of the process. GetGuiResources answers 0 under
 * Wine. GDI objects are measured by the slot a new one gets (the index in a
 * handle's low 16 bits): objects a notifier keeps hold slots, and the next
 * one's index grows with them. USER slots are the session's, so USER
 * objects are counted instead: this process's menus, windows, icons,
 * cursors and accelerator tables, slot by slot (10000 of each kind per
 * process by default on Windows, then every GDI or USER call fails). */
#ifndef GUI_OBJECTS_H
#define GUI_OBJECTS_H

struct gui_slots {
    long gdi;  /* the index of a new brush */
    long user; /* the index of a new menu (the session's: see gui_own_user_objects) */
};

/* The lowest of 3 samples 20 ms apart: USER handles are the session's (the wineserver's
 * under Wine), and another process that frees one at the moment of a sample hands its slot,
 * high, to the next object made anywhere. -1 for a kind never made. */
void gui_slots_next(struct gui_slots *s);
/* The menus, windows, icons, cursors and accelerator tables of this process, counted over
 * every USER handle slot (icons: those GetIconInfo reads, which are this process's under
 * Wine): unlike the slot a new object gets, no other process's objects move it. */
long gui_own_user_objects(void);

#endif
