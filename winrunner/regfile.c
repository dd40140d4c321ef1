/* regedit 5.00 reader (regfile.h). Grammar: a header line, then [KEY]
 * lines and value lines ("name" or @, '=', then "string", dword:XXXXXXXX,
 * hex:bytes, hex(T):bytes or -); ';' starts a comment line; a line ending
 * in '\' continues on the next. */
#include "regfile.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

static const struct {
    const WCHAR *name;
    HKEY root;
} roots[] = {
    {L"HKEY_LOCAL_MACHINE", HKEY_LOCAL_MACHINE},
    {L"HKEY_CURRENT_USER", HKEY_CURRENT_USER},
    {L"HKEY_CLASSES_ROOT", HKEY_CLASSES_ROOT},
    {L"HKEY_USERS", HKEY_USERS},
};

const char *regfile_root_name(HKEY root)
{
    if (root == HKEY_LOCAL_MACHINE)
        return "HKEY_LOCAL_MACHINE";
    if (root == HKEY_CURRENT_USER)
        return "HKEY_CURRENT_USER";
    if (root == HKEY_CLASSES_ROOT)
        return "HKEY_CLASSES_ROOT";
    return "HKEY_USERS";
}

/* The whole file as NUL-terminated UTF-16. */
static WCHAR *read_text(const WCHAR *file, struct wr_error *err)
{
    HANDLE h = CreateFileW(file, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    LARGE_INTEGER size;
    BYTE *raw;
    DWORD got = 0;
    WCHAR *text;
    char *name;

    if (h == INVALID_HANDLE_VALUE) {
        name = wr_utf8(file);
        wr_error_set(err, "%s: cannot open: %s", name, wr_strerror(GetLastError()));
        return NULL;
    }
    if (!GetFileSizeEx(h, &size) || size.QuadPart > 16 * 1024 * 1024) {
        CloseHandle(h);
        name = wr_utf8(file);
        wr_error_set(err, "%s: unreadable or larger than 16 MiB", name);
        return NULL;
    }
    raw = wr_alloc((size_t)size.QuadPart + 2);
    if (!ReadFile(h, raw, (DWORD)size.QuadPart, &got, NULL) || got != (DWORD)size.QuadPart) {
        CloseHandle(h);
        name = wr_utf8(file);
        wr_error_set(err, "%s: read failed: %s", name, wr_strerror(GetLastError()));
        return NULL;
    }
    CloseHandle(h);
    if (got >= 2 && raw[0] == 0xff && raw[1] == 0xfe) {
        text = wr_alloc(got);
        memcpy(text, raw + 2, got - 2);
        return text;
    }
    raw[got] = 0;
    if (got >= 3 && raw[0] == 0xef && raw[1] == 0xbb && raw[2] == 0xbf)
        return wr_wide((char *)raw + 3);
    return wr_wide((char *)raw);
}

struct cursor {
    const WCHAR *file;
    unsigned line;
    struct wr_error *err;
};

static int fail(struct cursor *c, const char *what)
{
    char *name = wr_utf8(c->file);

    wr_error_set(c->err, "%s:%u: %s", name, c->line, what);
    return -1;
}

static int hex_digit(WCHAR ch)
{
    if (ch >= L'0' && ch <= L'9')
        return ch - L'0';
    if (ch >= L'a' && ch <= L'f')
        return ch - L'a' + 10;
    if (ch >= L'A' && ch <= L'F')
        return ch - L'A' + 10;
    return -1;
}

/* A quoted string at *p (past the opening quote) up to its closing quote;
 * \\ and \" are escapes. Advances *p past the closing quote. */
static WCHAR *quoted(struct cursor *c, const WCHAR **p)
{
    const WCHAR *s = *p;
    WCHAR *out = wr_alloc((wcslen(s) + 1) * sizeof(WCHAR));
    size_t n = 0;

    while (*s && *s != L'"') {
        if (*s == L'\\' && (s[1] == L'\\' || s[1] == L'"'))
            s++;
        out[n++] = *s++;
    }
    if (*s != L'"') {
        fail(c, "unterminated string");
        return NULL;
    }
    *p = s + 1;
    out[n] = 0;
    return out;
}

/* Comma-separated hex bytes (whitespace allowed). */
static int hex_bytes(struct cursor *c, const WCHAR *s, struct reg_op *op)
{
    size_t cap = wcslen(s) / 2 + 1;

    op->data = wr_alloc(cap);
    op->size = 0;
    while (*s) {
        int hi;
        int lo;

        while (*s == L' ' || *s == L'\t' || *s == L',')
            s++;
        if (!*s)
            break;
        hi = hex_digit(s[0]);
        lo = hi < 0 ? -1 : hex_digit(s[1]);
        if (lo < 0)
            return fail(c, "bad hex byte");
        op->data[op->size++] = (BYTE)(hi * 16 + lo);
        s += 2;
    }
    return 0;
}

static int value_data(struct cursor *c, const WCHAR *s, struct reg_op *op)
{
    if (*s == L'"') {
        WCHAR *str;

        s++;
        str = quoted(c, &s);
        if (!str)
            return -1;
        op->type = REG_SZ;
        op->data = (BYTE *)str;
        op->size = (DWORD)((wcslen(str) + 1) * sizeof(WCHAR));
        return 0;
    }
    if (s[0] == L'-' && s[1] == 0) {
        op->kind = REG_OP_DELETE_VALUE;
        return 0;
    }
    if (!wcsncmp(s, L"dword:", 6)) {
        DWORD v = 0;
        unsigned i;

        for (i = 0; i < 8; i++) {
            int d = hex_digit(s[6 + i]);

            if (d < 0)
                return fail(c, "dword: needs 8 hex digits");
            v = v * 16 + (DWORD)d;
        }
        if (s[14])
            return fail(c, "dword: needs 8 hex digits");
        op->type = REG_DWORD;
        op->data = wr_alloc(sizeof(v));
        memcpy(op->data, &v, sizeof(v));
        op->size = sizeof(v);
        return 0;
    }
    if (!wcsncmp(s, L"hex:", 4)) {
        op->type = REG_BINARY;
        return hex_bytes(c, s + 4, op);
    }
    if (!wcsncmp(s, L"hex(", 4)) {
        const WCHAR *t = s + 4;
        DWORD type = 0;

        while (hex_digit(*t) >= 0)
            type = type * 16 + (DWORD)hex_digit(*t++);
        if (t == s + 4 || t[0] != L')' || t[1] != L':')
            return fail(c, "bad hex(T): type");
        op->type = type;
        return hex_bytes(c, t + 2, op);
    }
    return fail(c, "unknown value data");
}

static int key_line(struct cursor *c, WCHAR *s, HKEY *root, WCHAR **path)
{
    WCHAR *end = wcschr(s, L']');
    size_t i;

    if (s[1] == L'-')
        return fail(c, "key deletion ([-KEY]) is not supported: it could not be restored");
    if (!end || end[1])
        return fail(c, "a key line must end with ]");
    *end = 0;
    s++;
    for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
        size_t n = wcslen(roots[i].name);

        if (!wcsnicmp(s, roots[i].name, n) && s[n] == L'\\' && s[n + 1]) {
            *root = roots[i].root;
            *path = _wcsdup(s + n + 1);
            return 0;
        }
    }
    return fail(c, "unknown root key (want HKEY_LOCAL_MACHINE\\..., HKEY_CURRENT_USER\\...)");
}

static int parse_line(struct cursor *c, WCHAR *s, struct reg_file *out, HKEY *root, WCHAR **path)
{
    struct reg_op op;
    const WCHAR *p = s;

    memset(&op, 0, sizeof(op));
    if (*s == L'[') {
        if (key_line(c, s, root, path) < 0)
            return -1;
        op.kind = REG_OP_KEY;
        op.root = *root;
        op.path = *path;
        out->ops = wr_push(out->ops, &out->count, sizeof(op), &op);
        return 0;
    }
    if (!*path)
        return fail(c, "value before any [KEY]");
    op.kind = REG_OP_SET;
    op.root = *root;
    op.path = *path;
    if (*p == L'@') {
        op.name = _wcsdup(L"");
        p++;
    } else if (*p == L'"') {
        p++;
        op.name = quoted(c, &p);
        if (!op.name)
            return -1;
    } else {
        return fail(c, "a value line starts with \"name\" or @");
    }
    if (*p != L'=')
        return fail(c, "expected = after the value name");
    if (value_data(c, p + 1, &op) < 0)
        return -1;
    out->ops = wr_push(out->ops, &out->count, sizeof(op), &op);
    return 0;
}

int regfile_load(const WCHAR *file, struct reg_file *out, struct wr_error *err)
{
    WCHAR *text = read_text(file, err);
    WCHAR *line;
    WCHAR *next;
    struct cursor c = {file, 0, err};
    HKEY root = NULL;
    WCHAR *path = NULL;
    int header = 0;

    memset(out, 0, sizeof(*out));
    if (!text)
        return -1;
    for (line = text; line; line = next) {
        size_t n;

        c.line++;
        next = wcschr(line, L'\n');
        if (next)
            *next++ = 0;
        /* Continuation lines (hex data) are joined into this one. */
        n = wcslen(line);
        while (n && (line[n - 1] == L'\r' || line[n - 1] == L' ' || line[n - 1] == L'\t'))
            line[--n] = 0;
        while (n && line[n - 1] == L'\\' && next) {
            WCHAR *more = next;
            size_t m;

            line[--n] = 0;
            c.line++;
            next = wcschr(more, L'\n');
            if (next)
                *next++ = 0;
            while (*more == L' ' || *more == L'\t')
                more++;
            m = wcslen(more);
            while (m && (more[m - 1] == L'\r' || more[m - 1] == L' '))
                more[--m] = 0;
            memmove(line + n, more, (m + 1) * sizeof(WCHAR));
            n += m;
        }
        while (*line == L' ' || *line == L'\t')
            line++;
        if (!*line || *line == L';')
            continue;
        if (!header) {
            if (wcscmp(line, L"Windows Registry Editor Version 5.00"))
                return fail(&c, "not a regedit 5.00 file (first line)");
            header = 1;
            continue;
        }
        if (parse_line(&c, line, out, &root, &path) < 0)
            return -1;
    }
    if (!header) {
        c.line = 1;
        return fail(&c, "empty file");
    }
    return 0;
}
