/* The driver's remembered connections (see remembered.h). */
#include "remembered.h"

#include "hooks_regwrites.h"
#include "profile_keys.h"

#include <stdio.h>
#include <windows.h>

struct seed {
    WCHAR letter;
    const WCHAR *remote;
};
static const struct seed seeds[] = {
    {L'K', L"\\\\remembered-fs\\docs"},
    {L'N', L"\\\\remembered-fs\\archive"},
};
enum { SEEDS = sizeof seeds / sizeof seeds[0] };

static HKEY network;
static HANDLE changed;
static unsigned long long digest;
static long writes_seen; /* regwrites_network() when digest was read */
static SRWLOCK lock = SRWLOCK_INIT;

int remembered_letter(WCHAR letter)
{
    for (unsigned i = 0; i < SEEDS; i++) {
        if (seeds[i].letter == letter)
            return 1;
    }
    return 0;
}

/* What Windows stores for a drive mapped with CONNECT_UPDATE_PROFILE. */
static void seed(const struct seed *s)
{
    profile_key_write(s->letter, s->remote);
}

static unsigned long long fnv(unsigned long long h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* 0: gone; else a digest of its values. */
static unsigned long long key_digest(WCHAR letter)
{
    WCHAR key[PROFILE_KEY_UNITS];
    profile_key_name(letter, key);
    HKEY k;
    unsigned long long h = 1469598103934665603ull;
    if (RegOpenKeyExW(HKEY_CURRENT_USER, key, 0, KEY_READ, &k))
        return 0;
    for (DWORD i = 0;; i++) {
        WCHAR name[64];
        BYTE data[512];
        DWORD name_len = 64;
        DWORD data_len = sizeof data;
        DWORD type = 0;
        if (RegEnumValueW(k, i, name, &name_len, NULL, &type, data, &data_len))
            break;
        h = fnv(h, name, name_len * sizeof(WCHAR));
        h = fnv(h, &type, sizeof type);
        h = fnv(h, data, data_len);
    }
    RegCloseKey(k);
    return h ? h : 1;
}

static unsigned long long read_digest(void)
{
    unsigned long long h = 0;
    for (int i = 0; i < SEEDS; i++)
        h = h * 31 + key_digest(seeds[i].letter);
    return h;
}

/* Each key's digest is folded in; a key that is gone is told apart below. */
static int gone(void)
{
    for (int i = 0; i < SEEDS; i++) {
        if (!key_digest(seeds[i].letter))
            return 1;
    }
    return 0;
}

static void arm(void)
{
    if (network && changed)
        RegNotifyChangeKeyValue(network, TRUE, REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET,
                                changed, TRUE);
}

void remembered_init(void)
{
    AcquireSRWLockExclusive(&lock);
    if (!network) {
        for (int i = 0; i < SEEDS; i++)
            seed(&seeds[i]);
        if (RegOpenKeyExW(HKEY_CURRENT_USER, L"Network", 0, KEY_NOTIFY, &network))
            network = NULL;
        changed = CreateEventW(NULL, FALSE, FALSE, NULL);
        arm();
        digest = read_digest();
    }
    ReleaseSRWLockExclusive(&lock);
}

unsigned long long remembered_digest(void)
{
    AcquireSRWLockExclusive(&lock);
    /* Without a watch (it could not be armed), every snapshot reads the keys. */
    if (!network || !changed || WaitForSingleObject(changed, 0) == WAIT_OBJECT_0) {
        arm();
        unsigned long long now = read_digest();
        long writes = regwrites_network();
        /* A change without a write of the notifier there is another
         * process's (a run beside this one in the prefix): put back, and
         * the digest stays (read again, it could hold a third write). */
        if (now != digest && writes == writes_seen) {
            for (int i = 0; i < SEEDS; i++)
                seed(&seeds[i]);
        } else {
            digest = now;
        }
        writes_seen = writes;
    }
    unsigned long long d = digest;
    ReleaseSRWLockExclusive(&lock);
    return d;
}

int remembered_diff(unsigned long long before, unsigned long long after, char *buf, size_t cap)
{
    if (before == after)
        return 0;
    snprintf(buf, cap,
             "the user's remembered connections HKCU\\Network\\K and \\N (%ls, %ls), drives "
             "no call named, were %s (MPR restores them at every logon)",
             seeds[0].remote, seeds[1].remote, gone() ? "deleted" : "rewritten");
    return 1;
}
