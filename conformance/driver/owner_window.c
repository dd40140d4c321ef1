/* The caller's window as hwndOwner (see owner_window.h). */
#include "owner_window.h"

#include "answers.h"
#include "call.h"
#include "crash.h"
#include "fence.h"
#include "out.h"
#include "owner_thread.h"
#include "shapes.h"
#include "top_window.h"

#include <stdio.h>
#include <string.h>

struct window_state {
    BOOL exists;
    BOOL enabled;
    BOOL visible;
    LONG_PTR style;
    LONG_PTR exstyle;
    LONG_PTR proc;
};

static void window_take(HWND w, struct window_state *s)
{
    s->exists = IsWindow(w);
    s->enabled = s->exists && IsWindowEnabled(w);
    s->visible = s->exists && IsWindowVisible(w);
    s->style = s->exists ? GetWindowLongPtrW(w, GWL_STYLE) : 0;
    s->exstyle = s->exists ? GetWindowLongPtrW(w, GWL_EXSTYLE) : 0;
    s->proc = s->exists ? GetWindowLongPtrW(w, GWLP_WNDPROC) : 0;
}

/* The first difference in text, or NULL. */
static const char *window_change(const struct window_state *was, const struct window_state *is,
                                 char *text, size_t cap)
{
    if (!is->exists)
        return "destroyed";
    if (was->enabled && !is->enabled)
        return "left disabled (EnableWindow FALSE)";
    if (was->visible && !is->visible)
        return "left hidden";
    if (was->proc != is->proc) {
        char where[MAX_PATH + 32];
        module_of((const void *)is->proc, where, sizeof where);
        snprintf(text, cap, "subclassed (its window procedure now at %s)", where);
        return text;
    }
    if (was->style != is->style || was->exstyle != is->exstyle) {
        snprintf(text, cap, "restyled (style 0x%llx -> 0x%llx, extended 0x%llx -> 0x%llx)",
                 (unsigned long long)was->style, (unsigned long long)is->style,
                 (unsigned long long)was->exstyle, (unsigned long long)is->exstyle);
        return text;
    }
    return NULL;
}

/* One add on Y: and one cancel of Y: of remote, the add with owner. */
static void owner_cycle(const WCHAR *remote, HWND owner)
{
    struct shape s;
    shape_on_y(&s, fence_wstr(remote, "lpRemoteName"), owner,
               CONNECT_TEMPORARY | CONNECT_INTERACTIVE);
    snprintf(s.label, sizeof s.label, "Y:, %.100ls, hwndOwner the caller's window", remote);
    shape_cycle(&s, NULL);
}

void owner_window_judge(const WCHAR *const *names, unsigned n)
{
    /* Visible and enabled, as a caller's main window is. */
    HWND owner = top_level_window(L"connotify caller", WS_OVERLAPPEDWINDOW | WS_VISIBLE);
    if (!owner) {
        result("state.window", "notjudged",
               "no window to pass as hwndOwner (CreateWindowEx error %lu: no graphics driver)",
               GetLastError());
        return;
    }
    announce_step("%u remote names added with a window of the caller as hwndOwner", n);
    char text[200];
    for (unsigned i = 0; i < n; i++) {
        struct window_state was;
        struct window_state is;
        window_take(owner, &was);
        owner_cycle(names[i], owner);
        window_take(owner, &is);
        const char *change = window_change(&was, &is, text, sizeof text);
        if (change) {
            result_bad("state.window",
                       "the caller's window, passed as hwndOwner to the add of %.120ls, was %s "
                       "after the add and cancel (PRE and POST each): hwndOwner is the caller's "
                       "window, lent as the owner of a dialog; the caller's UI stays so",
                       names[i], change);
            break;
        }
    }
    if (IsWindow(owner))
        DestroyWindow(owner);
    unsigned other = 0;
    if (!violation_of("state.window"))
        other = owner_thread_judge(names, n);
    if (!violation_of("state.window"))
        result("state.window", "pass",
               "%u remote names added with a visible, enabled window of the caller as "
               "hwndOwner: the window left as found (enabled, visible, its styles); %u with "
               "a window of another thread that waited for each call without pumping: no "
               "message sent to it and waited for",
               n, other);
}
