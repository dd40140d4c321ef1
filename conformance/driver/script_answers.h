/* [design] A notifier's answer to a name no setting of its names does not
 * depend on the script it is written in: a share on a server named in
 * Greek, Cyrillic, Japanese, Korean or Arabic letters gets the answer its
 * ASCII twin gets. A buffer sized from the name's UTF-16 length refuses
 * names whose UTF-8 takes three bytes a unit (drive.script). */
#ifndef SCRIPT_ANSWERS_H
#define SCRIPT_ANSWERS_H

/* Judges drive.script (when wanted); prints its RESULT. */
void script_answers_judge(void);

#endif
