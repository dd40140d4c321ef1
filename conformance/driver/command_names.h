/* Names that run as commands: a notifier that hands a caller's name to a
 * command interpreter (cmd /c, system(), PowerShell) without quoting it
 * runs what follows '&', '|' or ';' in the name ('&' and ';' are legal in
 * share names) as the host's user in every process that maps a drive
 * (drive.command). [design] */
#ifndef COMMAND_NAMES_H
#define COMMAND_NAMES_H

/* A probe program in a folder of its own put first on PATH, then adds of
 * names that call it after '&', '|', ';' and inside $(...); drive.command
 * fails when the probe ran, passes otherwise (notjudged when the probe
 * cannot be made). */
void command_names_judge(void);

#endif
