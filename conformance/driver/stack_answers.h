/* Answers that hang on the caller's stack: a notifier that reads a variable
 * before setting it (an optional setting read into a local whose read
 * failed, a flag set on one path only) decides by what the caller's
 * earlier calls left on the stack; the same name is allowed or refused by
 * chance (drive.uninit). [design] */
#ifndef STACK_ANSWERS_H
#define STACK_ANSWERS_H

#include <windows.h>

/* Each name's answers with the stack below the caller left as zeros and as
 * 0xFF bytes (stack_fill.h), twice each. */
void stack_answers_judge(const WCHAR *const *names, unsigned n);

#endif
