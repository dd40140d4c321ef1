/* The verdicts a driver file prints, kept (verdict_capture.h). */
#include "verdict_capture.h"

#include "../driver/out.h"

#include <stdarg.h>
#include <stdio.h>

char captured_verdict[16];
char captured_detail[1024];

static void keep(const char *verdict, const char *fmt, va_list ap)
{
    snprintf(captured_verdict, sizeof captured_verdict, "%s", verdict);
    vsnprintf(captured_detail, sizeof captured_detail, fmt, ap);
}

void result(const char *check, const char *verdict, const char *fmt, ...)
{
    (void)check;
    va_list ap;
    va_start(ap, fmt);
    keep(verdict, fmt, ap);
    va_end(ap);
}

void result_bad(const char *check, const char *fmt, ...)
{
    (void)check;
    va_list ap;
    va_start(ap, fmt);
    keep("fail", fmt, ap);
    va_end(ap);
}
