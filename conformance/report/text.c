/* Text helpers: HTML/XML escaping, word wrapping with a hanging indent. */
#include "report.h"

#include <string.h>

void put_html(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            /* XML 1.0 has no other control characters. */
            if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
                fputc(*s, f);
            break;
        }
    }
}

/* Prints s from column start, breaking at spaces before `columns`; each
 * further line starts with `indent` spaces. A word longer than a line stays whole. */
void put_wrapped(FILE *f, const char *s, int indent, int start, int columns)
{
    int col = start;
    int first = 1;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t len = strcspn(s, " ");
        if (!len)
            break;
        if (!first && col + 1 + (int)len > columns) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (!first) {
            fputc(' ', f);
            col++;
        }
        fwrite(s, 1, len, f);
        col += (int)len;
        s += len;
        first = 0;
    }
    fputc('\n', f);
}
