/* Wine-style test library (habits of Wine's include/wine/test.h).
 *   wtest_start("name"); ...checks...; return wtest_end();
 * Output lines:
 *   file:line: [ctx: ]Test failed: msg
 *   file:line: [ctx: ]Test marked todo: msg
 *   file:line: [ctx: ]Test succeeded inside todo block: msg
 *   file:line: [ctx: ]Tests skipped: msg
 *   pid:name: N tests executed (T marked as todo, 0 as flaky, F failures), S skipped.
 * The exit status is the failure count, capped at 255. All calls are
 * thread-safe; todo state and context are per thread. With env
 * CONNOTIFY_JUNIT_DIR set, wtest_end() writes DIR/<name>.xml, one testcase
 * per check. */
#ifndef CONNOTIFY_WTEST_H
#define CONNOTIFY_WTEST_H

#include <stdarg.h>

#if defined(__GNUC__) && defined(__MINGW_PRINTF_FORMAT)
#define WTEST_PRINTF(f, a) __attribute__((format(__MINGW_PRINTF_FORMAT, f, a)))
#elif defined(__GNUC__)
#define WTEST_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define WTEST_PRINTF(f, a)
#endif

void wtest_start(const char *name);
int wtest_end(void);

/* Returns cond (as 0/1), so a check can guard the next one. */
int wtest_ok(const char *file, int line, int cond, const char *fmt, ...)
    WTEST_PRINTF(4, 5);
void wtest_skip(const char *file, int line, const char *fmt, ...)
    WTEST_PRINTF(3, 4);
void wtest_trace(const char *file, int line, const char *fmt, ...)
    WTEST_PRINTF(3, 4);
void wtest_push_context(const char *fmt, ...) WTEST_PRINTF(1, 2);
void wtest_pop_context(void);

/* Counters so far (all threads). */
unsigned wtest_failures(void);
unsigned wtest_todos(void);
unsigned wtest_skips(void);
unsigned wtest_executed(void);

/* todo_if(cond) { ok(...); } : loop helpers, one pass per call. */
void wtest_todo_begin(int cond);
int wtest_todo_loop(void);
void wtest_todo_end(void);

#define ok(cond, ...) wtest_ok(__FILE__, __LINE__, (cond) ? 1 : 0, __VA_ARGS__)
#define skip(...) wtest_skip(__FILE__, __LINE__, __VA_ARGS__)
#define trace(...) wtest_trace(__FILE__, __LINE__, __VA_ARGS__)
#define todo_if(cond) \
    for (wtest_todo_begin((cond) ? 1 : 0); wtest_todo_loop(); wtest_todo_end())

#endif /* CONNOTIFY_WTEST_H */
