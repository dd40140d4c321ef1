/* Checks wtest itself: counters, todo semantics, contexts, thread safety and
 * the JUnit file. Two failures below are intended; the program exits 0 only
 * when the library counted exactly what it was fed. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wtest.h"

#define THREADS 4
#define PER_THREAD 1000

static DWORD WINAPI thread_proc(void *arg)
{
    unsigned id = (unsigned)(UINT_PTR)arg;
    wtest_push_context("thread %u", id);
    for (unsigned i = 0; i < PER_THREAD; i++)
        ok(1, "pass %u\n", i);
    todo_if(1) ok(0, "thread todo %u\n", id);
    wtest_pop_context();
    return 0;
}

static int count(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

int main(void)
{
    HANDLE th[THREADS];
    unsigned fail, todo, skips, exec;
    int ret, bad = 0;
    const char *dir = getenv("CONNOTIFY_JUNIT_DIR");

    wtest_start("wtest_selftest");
    ok(1, "plain pass\n");
    trace("two intended failures follow: a failed ok() and a todo that passes\n");
    wtest_push_context("case %d", 7);
    ok(0, "intended failure <&\"> %lu\n", 42ul);
    wtest_pop_context();
    todo_if(1) ok(0, "intended todo\n");
    todo_if(1) ok(1, "intended todo that passes\n");
    todo_if(0) ok(1, "todo_if(0) pass\n");
    todo_if(1) todo_if(0) ok(0, "nested todo\n");
    skip("intended skip\n");

    for (unsigned i = 0; i < THREADS; i++)
        th[i] = CreateThread(NULL, 0, thread_proc, (void *)(UINT_PTR)i, 0, NULL);
    WaitForMultipleObjects(THREADS, th, TRUE, INFINITE);
    for (unsigned i = 0; i < THREADS; i++)
        CloseHandle(th[i]);

    fail = wtest_failures();
    todo = wtest_todos();
    skips = wtest_skips();
    exec = wtest_executed();
    ret = wtest_end();

    if (fail != 2 || todo != 2 + THREADS || skips != 1 || exec != 6 + THREADS * (PER_THREAD + 1) || ret != 2) {
        printf("selftest: counters wrong: failures %u todos %u skips %u executed %u ret %d\n",
               fail, todo, skips, exec, ret);
        bad = 1;
    }
    if (dir && *dir) {
        char path[512], *text;
        FILE *f;
        long n;
        snprintf(path, sizeof(path), "%s/wtest_selftest.xml", dir);
        f = fopen(path, "rb");
        if (!f) {
            printf("selftest: no JUnit file %s\n", path);
            return 1;
        }
        fseek(f, 0, SEEK_END);
        n = ftell(f);
        fseek(f, 0, SEEK_SET);
        text = calloc(1, (size_t)n + 1);
        if (!text || fread(text, 1, (size_t)n, f) != (size_t)n) {
            printf("selftest: cannot read %s\n", path);
            return 1;
        }
        fclose(f);
        if (count(text, "<testcase ") != (int)exec + 1 || count(text, "<failure ") != 2 ||
            count(text, "type=\"todo\"") != (int)todo || !strstr(text, "&lt;&amp;&quot;&gt; 42") ||
            !strstr(text, "case 7: ")) {
            printf("selftest: JUnit file %s has the wrong content\n", path);
            bad = 1;
        }
        free(text);
    }
    printf("selftest: %s\n", bad ? "FAILED" : "library counted correctly");
    return bad;
}
