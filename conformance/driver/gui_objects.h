/* GDI and USER objects of the process. GetGuiResources answers 0 under
 * Wine, so each kind is measured by the slot a new object gets: the index
 * in a handle's low 16 bits, on Windows and Wine alike. Objects a notifier
 * keeps hold slots, and the next one's index grows with them (10000 per
 * process by default on Windows, then every GDI or USER call fails). */
#ifndef GUI_OBJECTS_H
#define GUI_OBJECTS_H

struct gui_slots {
    long gdi;  /* the index of a new brush */
    long user; /* the index of a new menu */
};

/* The lowest of 3 samples 20 ms apart: USER handles are the session's (the wineserver's
 * under Wine), and another process that frees one at the moment of a sample hands its slot,
 * high, to the next object made anywhere. -1 for a kind never made. */
void gui_slots_next(struct gui_slots *s);

#endif
