/* The caller thread's CRT tokenizer position (see crt_tokens.h). */
#include "crt_tokens.h"

#include <stdio.h>
#include <string.h>
#include <windows.h>

typedef char *(__cdecl *strtok_fn)(char *, const char *);
typedef unsigned short *(__cdecl *wcstok_fn)(unsigned short *, const unsigned short *);

struct tokenizer {
    const wchar_t *dll;
    const char *fn;
    int wide;
};

/* ucrtbase's wcstok takes a context (ISO C); its _wcstok keeps the thread's. */
static const struct tokenizer tokenizers[4] = {
    {L"msvcrt.dll", "strtok", 0},
    {L"msvcrt.dll", "wcstok", 1},
    {L"ucrtbase.dll", "strtok", 0},
    {L"ucrtbase.dll", "_wcstok", 1},
};

static const unsigned short wide_comma[] = {',', 0};

static void *tokenizer_at(int i)
{
    HMODULE m = GetModuleHandleW(tokenizers[i].dll);
    return m ? (void *)GetProcAddress(m, tokenizers[i].fn) : NULL;
}

void crt_tokens_arm(struct crt_tokens *t)
{
    static const char text[] = "cn,probe,end";
    t->armed = 0;
    for (int i = 0; i < 4; i++) {
        void *fn = tokenizer_at(i);
        if (!fn)
            continue;
        if (tokenizers[i].wide) {
            for (size_t k = 0; k < sizeof text; k++)
                t->wide[i][k] = (unsigned short)text[k];
            ((wcstok_fn)fn)(t->wide[i], wide_comma);
        } else {
            memcpy(t->narrow[i], text, sizeof text);
            ((strtok_fn)fn)(t->narrow[i], ",");
        }
        t->armed |= 1 << i;
    }
}

int crt_tokens_moved(struct crt_tokens *t, char *buf, size_t cap)
{
    int moved = -1;
    for (int i = 0; i < 4; i++) {
        void *fn = (t->armed >> i) & 1 ? tokenizer_at(i) : NULL;
        if (!fn)
            continue;
        int ours;
        if (tokenizers[i].wide)
            ours = ((wcstok_fn)fn)(NULL, wide_comma) == t->wide[i] + 3;
        else
            ours = ((strtok_fn)fn)(NULL, ",") == t->narrow[i] + 3;
        if (!ours && moved < 0)
            moved = i;
    }
    t->armed = 0;
    if (moved < 0)
        return 0;
    snprintf(buf, cap,
             "%ls's %s position of the caller's thread moved (the notifier tokenised with it: "
             "the caller's own %s loop continues in the notifier's string)",
             tokenizers[moved].dll, tokenizers[moved].fn, tokenizers[moved].fn);
    return 1;
}
