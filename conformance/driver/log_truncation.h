/* Files a second process cuts short: every process that maps a drive loads
 * the notifier, and one that opens its log with CREATE_ALWAYS or
 * TRUNCATE_EXISTING empties what the others wrote (files.truncated).
 * [design] */
#ifndef LOG_TRUNCATION_H
#define LOG_TRUNCATION_H

/* --files-child: this process is the second one; case_files then only
 * makes the ordinary add and cancel (truncation_child_run). */
void truncation_child_role(void);
int truncation_is_child(void);
void truncation_child_run(void);
/* The ordinary add and cancel here, each written file's size, then the
 * same add and cancel in a second process; a file that shrank fails. */
void truncation_judge(void);

#endif
