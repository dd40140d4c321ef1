/* The notifier and the clipboard (see hooks_clipboard.h). */
#include "hooks_clipboard.h"

#include "hook_reals.h"
#include "loaded_proc.h"

#include <stdio.h>

#define REAL(idx, type) ((type)hook_real_at(idx))

/* This thread's: the clipboard open by the notifier, emptied by it. */
static __thread int open_now;
static __thread int emptied;

typedef BOOL(WINAPI *open_fn)(HWND);
typedef BOOL(WINAPI *void_fn)(void);

BOOL WINAPI w_OpenClipboard(HWND owner)
{
    BOOL r = REAL(HK_OpenClipboard, open_fn)(owner);
    if (r)
        open_now = 1;
    return r;
}

BOOL WINAPI w_CloseClipboard(void)
{
    BOOL r = REAL(HK_CloseClipboard, void_fn)();
    if (r)
        open_now = 0;
    return r;
}

BOOL WINAPI w_EmptyClipboard(void)
{
    BOOL r = REAL(HK_EmptyClipboard, void_fn)();
    if (r)
        emptied = 1;
    return r;
}

int clipboard_take_misuse(char *buf, size_t cap)
{
    if (!open_now && !emptied)
        return 0;
    snprintf(buf, cap, "%s%s%s",
             emptied ? "emptied the user's clipboard (EmptyClipboard: what "
                       "the user copied is lost)"
                     : "",
             emptied && open_now ? " and " : "",
             open_now ? "left the clipboard open (OpenClipboard without CloseClipboard): no "
                        "other program of the session can copy or paste"
                      : "");
    if (open_now) {
        void_fn close = REAL(HK_CloseClipboard, void_fn);
        if (!close)
            close = (void_fn)(void *)loaded_proc(L"user32.dll", "CloseClipboard", NULL);
        if (close)
            close();
    }
    open_now = 0;
    emptied = 0;
    return 1;
}
