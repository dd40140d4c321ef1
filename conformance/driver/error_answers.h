/* Answers that hang on the caller's last error: a notifier that asks
 * GetLastError() why a registry or file call failed, where the call
 * returns its error and sets none (RegGetValue, RegQueryValueEx), reads
 * what the caller's thread left there: the same name is allowed or refused
 * by what the caller did before (drive.uninit). [design] */
#ifndef ERROR_ANSWERS_H
#define ERROR_ANSWERS_H

#include <windows.h>

/* Each name's answers with the calls starting with the usual mark as the last error, then
 * with each of a few common error codes; a difference the same twice fails drive.uninit. */
void error_answers_judge(const WCHAR *const *names, unsigned n);

#endif
