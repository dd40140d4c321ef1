/* Whether the notifier's settings (--reg, imported by the gate for this
 * run) are in the registry when a case starts and when it ends. A key the
 * run imported and this process cannot open was removed by something
 * else than the gate: the case's verdicts would judge a notifier without
 * its settings, so the case says so (a SETTINGSGONE line) and run.sh
 * gives no verdict. */
#ifndef SETTINGS_PRESENT_H
#define SETTINGS_PRESENT_H

#define EXIT_SETTINGS_GONE 89 /* a SETTINGSGONE line was printed */

/* Prints SETTINGSGONE <when> <key> for each key of cf.settings_file below
 * HKLM\SOFTWARE this process's view does not have; the count. */
unsigned settings_present_check(const char *when);

#endif
