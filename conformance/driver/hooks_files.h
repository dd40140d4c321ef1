/* File hooks: the files the notifier opens through its imports (CreateFile*,
 * the CRT's fopen/_open families) are judged by their path (files.paths: no
 * relative path; files.shared: not in a folder every user can write), and the
 * ones opened for writing are kept, so that the files case can read back what
 * the notifier wrote (files.injection). [design] */
#ifndef HOOKS_FILES_H
#define HOOKS_FILES_H

#include <stdio.h>
#include <windows.h>

/* Files opened for writing so far (full paths as resolved at the open). */
unsigned files_written(void);
const WCHAR *files_written_at(unsigned i);
/* Notes the disk-file handles open now (before LoadLibrary): files_mark
 * also scans the files behind handles opened since, by DllMain too. */
void files_handles_before(void);
/* Remembers each written file's size: files_scan reads only what follows. */
void files_mark(void);
/* From now on, a file opened for writing whose path as passed holds marker
 * (any case) and a ".." component is kept: a path built from a caller's
 * name with its ".." (files.traversal). */
void files_traversal_arm(const WCHAR *marker);
/* "fn(path as passed) -> full path" of the first such open, or "". */
const char *files_traversal_seen(void);
/* The last CreateFile* of the notifier that failed, as text, or "". */
const char *files_failed_open(void);
/* The bytes of written file i since files_mark (at most 8 MiB), from the process heap (the
 * caller frees them); NULL with *err set when unreadable, NULL and *len 0 when nothing. */
unsigned char *files_read_since(unsigned i, size_t *len, DWORD *err);
/* ASCII s as the bytes a file holds it: UTF-8/ANSI (wide 0) or UTF-16LE (wide 1); returns
 * their count (out holds twice strlen(s) when wide). */
size_t files_encode(const char *s, int wide, unsigned char *out);
/* Flushes the CRT streams of every C runtime the notifier opened files with. */
void files_flush_crt(void);

/* What one scan found in the bytes written since files_mark. */
struct files_scan {
    unsigned files;  /* files read */
    unsigned unread; /* files that could not be opened for reading */
    unsigned logged; /* files holding the marker at all */
    char raw[600];   /* "path: raw CR, LF (UTF-8)"; "" when none */
    char unread_why[300];
};
/* Looks for the marker followed by a raw CR, LF, '|', '"#' or a tab and the
 * marker ('|', '"' and the tab only where the same bytes hold one of the
 * log's own, a field separator or a quote round a field), in UTF-8/ANSI and
 * UTF-16LE. Returns the number of files with a raw sequence. */
unsigned files_scan(const char *marker, struct files_scan *s);

/* The names in the current directory, to find files that appear there by
 * any route (also a DllMain or an API the hooks do not see). */
struct cwd_list {
    WCHAR dir[MAX_PATH];
    unsigned n;
    WCHAR names[128][64];
};
void files_cwd_list(struct cwd_list *l);
/* The first name in the current directory now that `before` lacks, or NULL. */
const WCHAR *files_cwd_new(const struct cwd_list *before, struct cwd_list *now);

/* Wrappers (hooks_list.h): the exact signatures of what they stand for. */
HANDLE WINAPI w_CreateFileW(LPCWSTR name, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES sa,
                            DWORD disp, DWORD flags, HANDLE tmpl);
HANDLE WINAPI w_CreateFileA(LPCSTR name, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES sa,
                            DWORD disp, DWORD flags, HANDLE tmpl);
HANDLE WINAPI w_CreateFile2(LPCWSTR name, DWORD access, DWORD share, DWORD disp, void *ext);
FILE *__cdecl w__wfopen(const wchar_t *name, const wchar_t *mode);
FILE *__cdecl w_fopen(const char *name, const char *mode);
int __cdecl w__wfopen_s(FILE **f, const wchar_t *name, const wchar_t *mode);
int __cdecl w_fopen_s(FILE **f, const char *name, const char *mode);
FILE *__cdecl w__wfsopen(const wchar_t *name, const wchar_t *mode, int share);
FILE *__cdecl w__fsopen(const char *name, const char *mode, int share);
FILE *__cdecl w__wfreopen(const wchar_t *name, const wchar_t *mode, FILE *f);
FILE *__cdecl w_freopen(const char *name, const char *mode, FILE *f);
int __cdecl w__wopen(const wchar_t *name, int oflag, ...);
int __cdecl w__open(const char *name, int oflag, ...);
int __cdecl w__wsopen(const wchar_t *name, int oflag, int share, ...);
int __cdecl w__sopen(const char *name, int oflag, int share, ...);
int __cdecl w__wsopen_s(int *fd, const wchar_t *name, int oflag, int share, int pmode);
int __cdecl w__sopen_s(int *fd, const char *name, int oflag, int share, int pmode);

#endif
