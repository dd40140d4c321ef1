/* A drive letter made real for a phase, as a provider's add makes one: a network drive
 * (DRIVE_REMOTE) on a folder of its own. Under Wine, Wine's mount manager defines it (its
 * IOCTL_MOUNTMGR_DEFINE_UNIX_DRIVE, which winecfg uses); elsewhere DefineDosDeviceW (a local
 * drive there). The processes of one Wine prefix take turns (prefix_turn.h), held from
 * drive_target_take to drive_target_release, so a drive of another gate run is never seen. */
#ifndef DRIVE_TARGET_H
#define DRIVE_TARGET_H

#include <windows.h>

#include <stddef.h>

struct drive_target {
    HANDLE turn;
    int wine;
    int defined;
    WCHAR device[3];        /* "D:" */
    WCHAR folder[MAX_PATH]; /* the folder its root shows */
    WCHAR final[MAX_PATH];  /* the folder's final path (GetFinalPathNameByHandleW) */
};

/* Waits for the turn, picks a letter no drive uses (or one a killed run left on its folder),
 * creates its folder empty. 0 and the reason when it cannot. */
int drive_target_take(struct drive_target *d, char *why, size_t cap);
/* The letter shows the folder as a network drive. 0 and the reason when it cannot. */
int drive_target_define(struct drive_target *d, char *why, size_t cap);
/* The letter no longer names a drive. */
void drive_target_remove(struct drive_target *d);
/* Removes it if defined, and gives the turn back. */
void drive_target_release(struct drive_target *d);
/* 1 when `final_path` (as GetFinalPathNameByHandleW gives it) names the drive's root or
 * something under it. */
int drive_target_holds(const struct drive_target *d, const WCHAR *final_path);
/* Such a path as the drive shows it ("D:\\x"), into out. */
void drive_target_shown(const struct drive_target *d, const WCHAR *final_path, WCHAR *out,
                        size_t cap);

#endif
