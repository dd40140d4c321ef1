/* Files left behind (see files_left.h). */
#include "files_left.h"

#include "folder_walk.h"
#include "folders.h"
#include "hooks_files.h"

#include <string.h>
#include <wchar.h>

enum { COUNT_CAP = 200000, DEPTH = 2 };

static void add_dir(struct files_left *m, const WCHAR *dir)
{
    if (m->n_dirs >= FILES_LEFT_DIRS || !dir[0])
        return;
    for (unsigned i = 0; i < m->n_dirs; i++) {
        if (!_wcsicmp(m->dir[i], dir))
            return;
    }
    wcsncpy(m->dir[m->n_dirs], dir, MAX_PATH - 1);
    m->dir[m->n_dirs][MAX_PATH - 1] = 0;
    m->n_dirs++;
}

/* The folder of a full path, with its trailing '\'. */
static void folder_of(const WCHAR *path, WCHAR *out)
{
    size_t len = folder_len(path);
    if (len >= MAX_PATH)
        len = 0;
    memcpy(out, path, len * sizeof(WCHAR));
    out[len] = 0;
}

static void add_written_folders(struct files_left *m)
{
    WCHAR dir[MAX_PATH];
    for (unsigned i = 0; i < files_written(); i++) {
        folder_of(files_written_at(i), dir);
        add_dir(m, dir);
    }
}

void files_left_mark(struct files_left *m)
{
    WCHAR dir[MAX_PATH];
    memset(m, 0, sizeof *m);
    DWORD n = GetTempPathW(MAX_PATH, dir);
    if (n && n < MAX_PATH)
        add_dir(m, dir);
    add_written_folders(m);
    files_left_again(m, m);
}

void files_left_written_folders(struct files_left *m)
{
    memset(m, 0, sizeof *m);
    add_written_folders(m);
}

void files_left_again(const struct files_left *first, struct files_left *m)
{
    if (m != first)
        *m = *first;
    for (unsigned i = 0; i < m->n_dirs; i++)
        m->count[i] = folder_walk(m->dir[i], DEPTH, COUNT_CAP, NULL, NULL, NULL);
}

long files_left_growth(const struct files_left *a, const struct files_left *b, unsigned *dir_index)
{
    long most = 0;
    *dir_index = 0;
    for (unsigned i = 0; i < a->n_dirs && i < b->n_dirs; i++) {
        long d = b->count[i] - a->count[i];
        if (d > most) {
            most = d;
            *dir_index = i;
        }
    }
    return most;
}

static volatile LONG64 read_bytes;

void files_read_note(DWORD bytes)
{
    InterlockedExchangeAdd64(&read_bytes, bytes);
}

long long files_read_bytes(void)
{
    return InterlockedCompareExchange64(&read_bytes, 0, 0);
}
