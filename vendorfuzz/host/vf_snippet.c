/* The C reproducer (vf_snippet.h). Names of printable ASCII up to 120
 * units are wide literals; others are built from runs of one unit. */
#include "vf_snippet.h"

static int printable(const uint16_t *s, uint32_t n)
{
    if (n > 120)
        return 0;
    for (uint32_t i = 0; i < n; i++)
        if (s[i] < 0x20 || s[i] > 0x7e)
            return 0;
    return 1;
}

/* Emits `var` as a WCHAR array holding the name and its NUL. */
static void name_decl(FILE *out, const struct vf_program *p, const struct vf_name *n,
                      const char *var)
{
    const uint16_t *s = vf_name_units(p, n);
    if (!s)
        return;
    if (printable(s, n->len)) {
        fprintf(out, "    static WCHAR %s[] = L\"", var);
        for (uint32_t i = 0; i < n->len; i++) {
            if (s[i] == '\\' || s[i] == '"')
                fputc('\\', out);
            fputc(s[i], out);
        }
        fprintf(out, "\";\n");
        return;
    }
    /* Runs of (unit, count): long names stay short in source. */
    fprintf(out, "    static WCHAR %s[%lu];\n", var, (unsigned long)n->len + 1ul);
    fprintf(out, "    {\n        static const unsigned short runs[] = {");
    uint32_t runs = 0;
    for (uint32_t i = 0; i < n->len;) {
        uint32_t j = i;
        while (j < n->len && s[j] == s[i])
            j++;
        fprintf(out, "%s%s0x%04x, %lu", runs ? "," : "", runs % 6 == 5 ? "\n            " : " ",
                s[i], (unsigned long)(j - i));
        runs++;
        i = j;
    }
    fprintf(out, " };\n");
    fprintf(out, "        size_t at = 0;\n");
    fprintf(out, "        for (size_t r = 0; r < %lu; r++)\n", (unsigned long)runs);
    fprintf(out,
            "            for (unsigned short k = 0; k < runs[2 * r + 1]; k++) %s[at++] = runs[2 * "
            "r];\n",
            var);
    fprintf(out, "        %s[at] = 0;\n    }\n", var);
}

static void name_ref(FILE *out, const struct vf_name *n, const char *var)
{
    if (n->null)
        fprintf(out, "NULL");
    else
        fprintf(out, "%s", var);
}

void vf_snippet(FILE *out, const struct vf_program *p)
{
    char v[3][32];
    fprintf(out,
            "/* connotify vendorfuzz reproducer: %u operations, %u steps. Build with\n"
            " * -DUNICODE; the comment on each call names the thread the fuzzer used\n"
            " * (the same order on one thread usually reproduces). A PRE that leaves\n"
            " * lpContext NULL gets no POST, as MPR does [doc]. */\n",
            (unsigned)p->nops, (unsigned)p->nsteps);
    fprintf(out, "static void vendorfuzz_repro(void)\n{\n");
    fprintf(out, "    LPVOID ctx[%u] = { 0 };\n    DWORD r;\n", p->nops ? (unsigned)p->nops : 1u);
    for (uint32_t i = 0; i < p->nops; i++) {
        const struct vf_op *o = &p->ops[i];
        snprintf(v[0], sizeof v[0], "op%u_local", (unsigned)i);
        snprintf(v[1], sizeof v[1], "op%u_remote", (unsigned)i);
        snprintf(v[2], sizeof v[2], "op%u_provider", (unsigned)i);
        name_decl(out, p, &o->local, v[0]);
        if (o->kind == VF_ADD)
            name_decl(out, p, &o->remote, v[1]);
        name_decl(out, p, &o->provider, v[2]);
        if (o->kind == VF_ADD) {
            fprintf(out, "    NOTIFYADD op%u = { 0 };\n", (unsigned)i);
            fprintf(out, "    op%u.hwndOwner = (HWND)(ULONG_PTR)%#lx;\n", (unsigned)i,
                    (unsigned long)o->hwnd);
            fprintf(out, "    op%u.NetResource.dwScope = %lu;\n", (unsigned)i,
                    (unsigned long)o->scope);
            fprintf(out, "    op%u.NetResource.dwType = %#lx;\n", (unsigned)i,
                    (unsigned long)o->type);
            fprintf(out, "    op%u.NetResource.dwDisplayType = %lu;\n", (unsigned)i,
                    (unsigned long)o->display);
            fprintf(out, "    op%u.NetResource.dwUsage = %lu;\n", (unsigned)i,
                    (unsigned long)o->usage);
            fprintf(out, "    op%u.NetResource.lpLocalName = ", (unsigned)i);
            name_ref(out, &o->local, v[0]);
            fprintf(out, ";\n    op%u.NetResource.lpRemoteName = ", (unsigned)i);
            name_ref(out, &o->remote, v[1]);
            fprintf(out, ";\n    op%u.NetResource.lpProvider = ", (unsigned)i);
            name_ref(out, &o->provider, v[2]);
            fprintf(out, ";\n    op%u.dwAddFlags = %#lx;\n", (unsigned)i, (unsigned long)o->flags);
        } else {
            fprintf(out, "    NOTIFYCANCEL op%u = { 0 };\n", (unsigned)i);
            fprintf(out, "    op%u.lpName = ", (unsigned)i);
            name_ref(out, &o->local, v[0]);
            fprintf(out, ";\n    op%u.dwFlags = %#lx;\n", (unsigned)i, (unsigned long)o->flags);
            fprintf(out, "    op%u.fForce = %u;\n", (unsigned)i, (unsigned)o->force);
        }
    }
    for (uint32_t i = 0; i < p->nsteps; i++) {
        const struct vf_step *s = &p->steps[i];
        const struct vf_op *o = &p->ops[s->op];
        const char *fn = o->kind == VF_ADD ? "AddConnectNotify" : "CancelConnectNotify";
        unsigned k = s->op;
        if (!s->post) {
            fprintf(out, "    { /* PRE of op%u, thread %u */\n", k, (unsigned)o->thread);
            if (o->kind == VF_CANCEL)
                fprintf(out,
                        "        op%u.lpProvider = NULL; /* undefined in PRE [doc]: the fuzzer "
                        "passed an unreadable page */\n",
                        k);
            fprintf(out, "        NOTIFYINFO ni = { NOTIFY_PRE, WN_SUCCESS, NULL };\n");
            fprintf(out, "        r = %s(&ni, &op%u);\n", fn, k);
            fprintf(out, "        ctx[%u] = ni.lpContext;\n    }\n", k);
        } else {
            fprintf(out, "    if (ctx[%u]) { /* POST of op%u, thread %u */\n", k, k,
                    (unsigned)o->thread);
            if (o->kind == VF_CANCEL) {
                fprintf(out, "        op%u.lpProvider = ", k);
                snprintf(v[2], sizeof v[2], "op%u_provider", k);
                name_ref(out, &o->provider, v[2]);
                fprintf(out, ";\n");
            }
            fprintf(out, "        NOTIFYINFO ni = { NOTIFY_POST, %#lx, ctx[%u] };\n",
                    (unsigned long)o->status, k);
            fprintf(out, "        r = %s(&ni, &op%u);\n    }\n", fn, k);
        }
    }
    fprintf(out, "    (void)r;\n}\n");
}
