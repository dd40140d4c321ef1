/* Times one WNetAddConnection2W + WNetCancelConnection2W cycle through MPR
 * with one notifier configuration (for ci/bench-mpr.sh; not a test).
 *   bench_cycle --mode none|reference|probe [--cycles N] [--rounds R]
 * Rewrites the Notifyees key of its (private) prefix before the first WNet
 * call: MPR reads it once per process. Prints one line:
 *   bench mode=M cycles=N rounds=R us_per_cycle=X min_us=Y */
#include <windows.h>
#include <winnetwk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTIFYEES L"System\\CurrentControlSet\\Control\\NetworkProvider\\Notifyees"
/* HKLM\SYSTEM is one key in both registry views; the view is named all the
 * same, as everywhere in the tests. */
#define VIEW KEY_WOW64_64KEY

static int fail(const char *msg, unsigned long err)
{
    fprintf(stderr, "bench_cycle: %s (error %lu)\n", msg, err);
    return 2;
}

/* Leaves only the value `name` (data %CONNOTIFY_BIN%\<dll>), or none. */
static LONG set_notifyees(const WCHAR *name, const WCHAR *dll)
{
    WCHAR value[256], data[MAX_PATH];
    HKEY key;
    LONG err;
    DWORD len;

    err = RegCreateKeyExW(HKEY_LOCAL_MACHINE, NOTIFYEES, 0, NULL, 0, KEY_ALL_ACCESS | VIEW, NULL,
                          &key, NULL);
    if (err)
        return err;
    for (;;) {
        len = 256;
        if (RegEnumValueW(key, 0, value, &len, NULL, NULL, NULL, NULL))
            break;
        if ((err = RegDeleteValueW(key, value)))
            break;
    }
    if (!err && name) {
        _snwprintf(data, MAX_PATH, L"%%CONNOTIFY_BIN%%\\%ls", dll);
        data[MAX_PATH - 1] = 0;
        err = RegSetValueExW(key, name, 0, REG_EXPAND_SZ, (const BYTE *)data,
                             (DWORD)(wcslen(data) + 1) * sizeof(WCHAR));
    }
    RegCloseKey(key);
    return err;
}

static int cycles_run(unsigned n, unsigned *failures)
{
    WCHAR remote[64];
    NETRESOURCEW nr;
    unsigned i;

    memset(&nr, 0, sizeof(nr));
    nr.dwType = RESOURCETYPE_DISK;
    nr.lpRemoteName = remote;
    for (i = 0; i < n; i++) {
        _snwprintf(remote, 64, L"\\\\bench\\s%u", i % 1000);
        remote[63] = 0;
        if (WNetAddConnection2W(&nr, NULL, NULL, 0) != WN_SUCCESS)
            ++*failures;
        if (WNetCancelConnection2W(remote, 0, FALSE) != WN_SUCCESS)
            ++*failures;
    }
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *mode = NULL;
    unsigned cycles = 2000, rounds = 5, r, failures = 0;
    double us[64];
    LARGE_INTEGER f, t0, t1;
    LONG err;
    int i;

    for (i = 1; i + 1 < argc; i += 2) {
        char *end;
        if (!strcmp(argv[i], "--mode"))
            mode = argv[i + 1];
        else if (!strcmp(argv[i], "--cycles"))
            cycles = (unsigned)strtoul(argv[i + 1], &end, 10);
        else if (!strcmp(argv[i], "--rounds"))
            rounds = (unsigned)strtoul(argv[i + 1], &end, 10);
        else
            break;
    }
    if (i != argc || !mode || !cycles || cycles > 10000000 || !rounds || rounds > 64) {
        fprintf(stderr, "usage: bench_cycle --mode none|reference|probe [--cycles 1..10000000] [--rounds 1..64]\n");
        return 2;
    }
    if (!strcmp(mode, "none"))
        err = set_notifyees(NULL, NULL);
    else if (!strcmp(mode, "reference"))
        err = set_notifyees(L"connotify_notifier", L"connotify_notifier.dll");
    else if (!strcmp(mode, "probe"))
        err = set_notifyees(L"connotify_probe1", L"connotify_probe1.dll");
    else
        return fail("unknown --mode", 0);
    if (err)
        return fail("cannot write the Notifyees key", (unsigned long)err);

    QueryPerformanceFrequency(&f);
    cycles_run(cycles / 10 + 100, &failures); /* warm-up: loads and opens everything */
    for (r = 0; r < rounds; r++) {
        QueryPerformanceCounter(&t0);
        cycles_run(cycles, &failures);
        QueryPerformanceCounter(&t1);
        us[r] = (double)(t1.QuadPart - t0.QuadPart) * 1e6 / (double)f.QuadPart / cycles;
    }
    if (failures)
        return fail("WNet calls failed; is the test provider registered?", failures);
    qsort(us, rounds, sizeof(us[0]), cmp_double);
    printf("bench mode=%s cycles=%u rounds=%u us_per_cycle=%.3f min_us=%.3f\n",
           mode, cycles, rounds, us[rounds / 2], us[0]);
    return 0;
}
