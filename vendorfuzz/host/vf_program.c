/* Decoding an input into a program (vf_program.h). Each byte picks a
 * choice from a table of the shapes MPR passes [doc]: drive letters,
 * deviceless and UNC names with either separator, IPC$, long names, odd
 * UTF-16; every dwType, flag, status and thread. A name can also be
 * spelled out in the input, byte or UTF-16 unit at a time, so that what
 * the notifier compares it with can be written over it [design]. Bytes
 * past the end read as 0, so any input decodes. */
#include "vf_program.h"

#include <string.h>

struct reader {
    const uint8_t *p;
    size_t n;
    const uint8_t *base;
};

static uint8_t u8(struct reader *r)
{
    if (!r->n)
        return 0;
    r->n--;
    return *r->p++;
}

static uint16_t u16(struct reader *r)
{
    uint16_t lo = u8(r);
    return (uint16_t)(lo | (uint16_t)(u8(r) << 8));
}

static uint32_t u32(struct reader *r)
{
    uint32_t lo = u16(r);
    return lo | ((uint32_t)u16(r) << 16);
}

/* Name pieces. Empty strings, lone surrogates and control characters are
 * pieces like any other; the last rows are numbers and separators a
 * parser of names may look for. */
static const uint16_t *const words[] = {
    u"srv",       u"server",    u"share",      u"IPC$",   u"ADMIN$", u"C$",     u"print$",
    u"a",         u"dir",       u"file.txt",   u"%",      u"%4",     u"%41",    u"x%",
    u"^",         u"^^",        u"..",         u".",      u"",       u"?",      u"UNC",
    u"localhost", u"127.0.0.1", u"[::1]",      u"\u00fc", u"\xd800", u"\xdc00", u"\xd83d\xde00",
    u"\t",        u"\x7f",      u":",          u"*",      u"\x202e", u"LPT1",   u"COM1",
    u"NUL",       u"\\",        u"/",          u"\"",     u"\x01",   u"0",      u"9",
    u"12",        u"65535",     u"4294967296", u"-1",     u"%%",     u"%25",    u"%00",
    u"%zz",       u"\\\\",      u"...",        u"$",      u"~1",     u";",      u",",
    u"=",         u"@",         u"#",
};
#define NWORDS (sizeof words / sizeof words[0])

static const uint16_t *const templates[] = {
    u"LPT1:",
    u"COM1",
    u"PRN",
    u"\\\\?\\UNC\\srv\\share",
    u"\\\\.\\pipe\\x",
    u"\\\\srv",
    u"\\\\",
    u"\\",
    u"/",
    u"//srv/share",
    u"\\\\srv\\IPC$",
    u"\\\\srv\\share\\",
    u"Z:",
    u"z:",
    u"A:\\",
    u"AB:",
    u":",
    u"\\\\srv/share",
};
#define NTEMPLATES (sizeof templates / sizeof templates[0])

static const uint16_t *const providers[] = {
    u"Microsoft Windows Network",
    u"Web Client Network",
    u"connotify test provider",
};
#define NPROVIDERS (sizeof providers / sizeof providers[0])

/* Provider results a POST reports [doc]: WN_* codes, then values outside
 * the set (any DWORD can come back from a provider). */
static const uint32_t statuses[] = {
    0,    67,   5,    85,          2250,        2401, 1223, 1200, 1237, 53,
    1222, 1203, 1208, 0x80070035u, 0xffffffffu, 87,   8,    1204, 50,
};
#define NSTATUSES (sizeof statuses / sizeof statuses[0])

static const uint32_t types[] = {1, 2, 0, 3, 8, 0xffffffffu};
#define NTYPES (sizeof types / sizeof types[0])

static void put(struct vf_program *p, struct vf_name *n, uint16_t u)
{
    /* One unit stays free for the NUL. */
    if (n->len >= VF_MAX_NAME || p->pool_len + 2 > VF_POOL_UNITS)
        return;
    p->pool[p->pool_len++] = u;
    n->len++;
}

static void puts16(struct vf_program *p, struct vf_name *n, const uint16_t *s)
{
    while (*s)
        put(p, n, *s++);
}

static void word(struct vf_program *p, struct vf_name *n, struct reader *r)
{
    uint8_t w = u8(r);
    if (w < NWORDS)
        puts16(p, n, words[w]);
    else
        put(p, n, u16(r));
}

static void unc(struct vf_program *p, struct vf_name *n, struct reader *r)
{
    uint8_t b = u8(r);
    uint8_t parts = u8(r) % 24u;
    uint16_t sep = (b & 1) ? u'/' : u'\\';
    put(p, n, sep);
    put(p, n, sep);
    for (uint8_t i = 0; i < parts; i++) {
        if (i)
            put(p, n, (u8(r) & 1) ? u'/' : u'\\');
        word(p, n, r);
    }
}

/* Units spelled out in the input until a 0 unit (or its end): one byte
 * or two (UTF-16LE) per unit, so that a string the notifier compares a
 * name with can be written over the name where it lies in the input. */
static void raw(struct vf_program *p, struct vf_name *n, struct reader *r, uint8_t enc)
{
    n->enc = enc;
    n->src = (uint32_t)(r->p - r->base);
    for (;;) {
        uint32_t at = (uint32_t)(r->p - r->base);
        uint16_t u = enc == 1 ? u8(r) : u16(r);
        int full = n->len >= VF_MAX_NAME || p->pool_len + 2 > VF_POOL_UNITS;
        if (!u && !full) {
            /* A unit inserted here would be the name's next one. */
            n->extendable = 1;
            n->end = at;
        }
        if (!u || full)
            break;
        put(p, n, u);
    }
}

static void name(struct vf_program *p, struct vf_name *n, struct reader *r, int provider)
{
    uint8_t k = u8(r);
    memset(n, 0, sizeof *n);
    if (p->pool_len >= VF_POOL_UNITS) {
        /* The pool is full: an empty name, on the last name's NUL (a name
         * past the pool would be unterminated: a false finding). */
        n->off = VF_POOL_UNITS - 1u;
        return;
    }
    n->off = p->pool_len;
    switch (k & 7u) {
    case 0:
        n->null = 1;
        return;
    case 1:
        break;
    case 2:
        put(p, n, (uint16_t)(u'A' + u8(r) % 26u));
        put(p, n, u':');
        break;
    case 3:
        unc(p, n, r);
        break;
    case 4: {
        uint16_t u = u16(r);
        uint32_t len = (uint32_t)u16(r) % VF_MAX_NAME + 1u;
        if (k & 8u)
            unc(p, n, r);
        for (uint32_t i = 0; i < len; i++)
            put(p, n, u ? u : u'x');
        break;
    }
    case 5: {
        if (k & 0x40u) {
            if (k & 0x08u) {
                put(p, n, u'\\');
                put(p, n, u'\\');
                n->lead = (uint8_t)n->len;
            }
            raw(p, n, r, (k & 0x20u) ? 1 : 2);
            break;
        }
        uint8_t len = u8(r) % 32u;
        for (uint8_t i = 0; i < len; i++)
            put(p, n, u16(r));
        break;
    }
    case 6:
        if (provider)
            puts16(p, n, providers[u8(r) % NPROVIDERS]);
        else
            puts16(p, n, templates[u8(r) % NTEMPLATES]);
        break;
    default: {
        uint8_t parts = u8(r) % 8u;
        for (uint8_t i = 0; i < parts; i++)
            word(p, n, r);
        break;
    }
    }
    if (k & 0x80u) {
        uint8_t tail = u8(r) % 4u;
        if (tail)
            n->extendable = 0;
        for (uint8_t i = 0; i < tail; i++)
            put(p, n, u16(r));
    }
    /* An embedded 0 unit ends the name where the notifier reads it. */
    p->pool[p->pool_len++] = 0;
}

static uint32_t pick(struct reader *r, const uint32_t *table, size_t size)
{
    uint8_t b = u8(r);
    if (b < size)
        return table[b];
    if (b < 0xf0u)
        return table[b % size];
    return u32(r);
}

static void op(struct vf_program *p, struct vf_op *o, uint8_t kind, struct reader *r)
{
    memset(o, 0, sizeof *o);
    o->kind = kind;
    /* Most operations on the main thread: a hand-off costs system calls. */
    uint8_t t = u8(r);
    o->thread = t < 0xe0u ? 0 : (uint8_t)(1u + t % (VF_THREADS - 1u));
    o->status = pick(r, statuses, NSTATUSES);
    if (kind == VF_ADD) {
        uint8_t f = u8(r);
        o->hwnd = (f & 0x40u) ? 0x10010u : 0;
        o->type = pick(r, types, NTYPES);
        /* CONNECT_* bits below 0x20, and CONNECT_REDIRECT and beyond [doc] */
        o->flags = (f & 0x1fu) | ((f & 0x20u) ? 0x80u : 0);
        if (f & 0x80u)
            o->flags = u32(r);
        o->scope = u8(r) % 4u;
        o->display = u8(r) % 4u;
        o->usage = u8(r) % 4u;
        name(p, &o->local, r, 0);
        name(p, &o->remote, r, 0);
        name(p, &o->provider, r, 1);
    } else {
        uint8_t f = u8(r);
        o->force = f & 1u;
        o->flags = (f & 2u) ? 1u : 0;
        if (f & 0x80u)
            o->flags = u32(r);
        name(p, &o->local, r, 0);
        name(p, &o->provider, r, 1);
    }
}

void vf_decode(struct vf_program *p, const uint8_t *data, size_t size)
{
    struct reader r = {data, size, data};
    uint8_t open[VF_MAX_OPS];
    uint32_t nopen = 0;

    p->nops = 0;
    p->nsteps = 0;
    p->seed = size ? data[0] : 0;
    p->pool_len = 0;
    p->input = data;
    p->input_len = (uint32_t)size;
    while (r.n && p->nsteps < VF_MAX_STEPS) {
        uint8_t b = u8(&r);
        if ((b & 3u) == 3u && nopen) {
            uint32_t i = (uint32_t)(b >> 2) % nopen;
            p->steps[p->nsteps].post = 1;
            p->steps[p->nsteps].op = open[i];
            p->nsteps++;
            nopen--;
            memmove(&open[i], &open[i + 1], (nopen - i) * sizeof open[0]);
            continue;
        }
        if (p->nops >= VF_MAX_OPS || p->nsteps + nopen + 2 > VF_MAX_STEPS)
            break;
        op(p, &p->ops[p->nops], (b & 3u) == 1u ? VF_CANCEL : VF_ADD, &r);
        p->steps[p->nsteps].post = 0;
        p->steps[p->nsteps].op = (uint8_t)p->nops;
        p->nsteps++;
        open[nopen++] = (uint8_t)p->nops;
        p->nops++;
    }
    for (uint32_t i = 0; i < nopen && p->nsteps < VF_MAX_STEPS; i++) {
        p->steps[p->nsteps].post = 1;
        p->steps[p->nsteps].op = open[i];
        p->nsteps++;
    }
}

const uint16_t *vf_name_units(const struct vf_program *p, const struct vf_name *n)
{
    return n->null ? NULL : &p->pool[n->off];
}
