/* Verdicts: the order in which a worse verdict wins, shared by collect and merge. */
#ifndef VERDICTS_H
#define VERDICTS_H

#include <stddef.h>

/* fail > incomplete > warn > todo > notjudged > pass > skip; 0: unknown. */
int verdict_rank(const char *verdict);

int collect_main(int argc, char **argv);
int slow_main(int argc, char **argv);
int merge_main(int argc, char **argv);
int static_main(int argc, char **argv);
int plan_main(int argc, char **argv);
int ready_main(int argc, char **argv);
int pe_main(int argc, char **argv);
/* The sections of the PE file PATH that are both shared and writable, as
 * "NAME (0xCHARACTERISTICS)" joined by ", " into buf; their number, or -1
 * when PATH is not a readable PE file. */
int pe_shared_writable(const char *path, char *buf, size_t size);
/* Whether id is an item of a comma-separated list. */
int in_list(const char *list, const char *id);

#endif
