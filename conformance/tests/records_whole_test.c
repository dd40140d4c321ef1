/* records_whole_test: files.whole's record forms (../driver/records_whole.c) on logs built
 * here, each line a record of a cycle made on one thread (learnt) or on threads at once
 * (judged). A number padded to a width keeps its form when its digits change; a record torn
 * or written in pieces does not. */
#include "../driver/records_whole.h"
#include "verdict_capture.h"

#include "wtest.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { LEARNT = 60, JUDGED = 60, CYCLES = LEARNT + JUDGED, LOG_BYTES = 1 << 16 };

static unsigned char roles[CYCLES];
static struct records_whole whole;
static char log_text[LOG_BYTES];

static void whole_start(void)
{
    memset(&whole, 0, sizeof whole);
    whole.marker = "CNK12345678";
    whole.marker_len = strlen(whole.marker);
    whole.digits = 4;
    whole.cycles = CYCLES;
    whole.roles = roles;
    whole.threads = 4;
    whole.on_threads = JUDGED;
    whole.peer_from = CYCLES;
    whole.peer_started = CYCLES;
    for (unsigned i = 0; i < CYCLES; i++)
        roles[i] = i < LEARNT ? WHOLE_LEARN : WHOLE_CHECK;
    records_whole_reset(&whole);
    log_text[0] = '\0';
}

/* The name of a cycle, for one line. */
static const char *name_of(unsigned cycle)
{
    static char name[32];
    snprintf(name, sizeof name, "%s%04u", whole.marker, cycle);
    return name;
}

/* Appends one line. */
static void WTEST_PRINTF(1, 2) log_line(const char *fmt, ...)
{
    size_t len = strlen(log_text);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(log_text + len, sizeof log_text - len, fmt, ap);
    va_end(ap);
}

/* The lines of the cycles made alone: a thread id of 3 digits padded to 5 columns. */
static void log_learnt(void)
{
    for (unsigned i = 0; i < LEARNT; i++)
        log_line("[%5lu] add M: \\\\server\\%s\r\n", 812ul, name_of(i));
}

/* Learns the lines of the cycles below LEARNT, judges the others, prints the verdict. */
static void whole_judge(void)
{
    const unsigned char *b = (const unsigned char *)log_text;
    records_whole_learn(&whole, b, strlen(log_text), 1);
    numbers_settle(&whole.numbers);
    records_whole_check(&whole, b, strlen(log_text), 1);
    records_whole_judge(&whole);
}

/* "[%5lu]": a thread id of 3 digits in the cycles made alone, of 4 and 5 digits in the others
 * (measured: a correct notifier's ids of two processes blamed as torn records). */
static void test_padded_number(void)
{
    whole_start();
    log_learnt();
    for (unsigned i = LEARNT; i < CYCLES; i++) {
        unsigned long tid = i % 2 ? 1112 : 12345;
        log_line("[%5lu] add M: \\\\server\\%s\r\n", tid, name_of(i));
    }
    whole_judge();
    ok(!strcmp(captured_verdict, "pass"), "padded thread ids: %s: %s\n", captured_verdict,
       captured_detail);
    ok(whole.torn == 0, "torn lines: %u\n", whole.torn);
}

/* The same left-justified: "%-6lu|". */
static void test_left_padded_number(void)
{
    whole_start();
    for (unsigned i = 0; i < LEARNT; i++)
        log_line("%-6lu| add M: \\\\server\\%s\r\n", 12345ul, name_of(i));
    for (unsigned i = LEARNT; i < CYCLES; i++)
        log_line("%-6lu| add M: \\\\server\\%s\r\n", 7ul, name_of(i));
    whole_judge();
    ok(!strcmp(captured_verdict, "pass"), "left-justified ids: %s: %s\n", captured_verdict,
       captured_detail);
}

/* Two records written in pieces (a head, then the drive and the name) with no lock: the
 * pieces interleave on one line. */
static void test_torn_record(void)
{
    whole_start();
    log_learnt();
    for (unsigned i = LEARNT; i < CYCLES; i += 2) {
        log_line("[%5lu] add ", 812ul);
        log_line("[%5lu] add ", 1112ul);
        log_line("M: \\\\server\\%s", name_of(i));
        log_line("N: \\\\server\\%s\r\n", name_of(i + 1));
    }
    whole_judge();
    ok(!strcmp(captured_verdict, "fail"), "torn records: %s: %s\n", captured_verdict,
       captured_detail);
    ok(whole.torn == JUDGED / 2, "torn lines: %u\n", whole.torn);
}

/* A space more or less between words is not a number's padding: another form. */
static void test_spacing_between_words(void)
{
    whole_start();
    log_learnt();
    for (unsigned i = LEARNT; i < CYCLES; i++)
        log_line("[%5lu] add  M:\\\\server\\%s\r\n", 812ul, name_of(i));
    whole_judge();
    ok(!strcmp(captured_verdict, "fail"), "spacing changed between words: %s: %s\n",
       captured_verdict, captured_detail);
}

int main(void)
{
    wtest_start("records_whole");
    test_padded_number();
    test_left_padded_number();
    test_torn_record();
    test_spacing_between_words();
    return wtest_end();
}
