/* The C runtime's tokenizer position of the caller's thread: strtok and
 * wcstok keep one per thread in each CRT DLL (msvcrt.dll, ucrtbase.dll's
 * _wcstok), shared by every module of the process that uses that CRT. A
 * caller in the middle of its own strtok loop continues in whatever string
 * a notifier tokenised during the call [design]. */
#ifndef CRT_TOKENS_H
#define CRT_TOKENS_H

#include <stddef.h>

struct crt_tokens {
    int armed;
    char narrow[4][16];
    unsigned short wide[4][16];
};

/* Starts one tokenisation of a string of ours in each CRT tokenizer loaded. */
void crt_tokens_arm(struct crt_tokens *t);
/* Continues each: 0 when every one gives our next token, else 1 with the
 * tokenizer that lost its place in `buf`. */
int crt_tokens_moved(struct crt_tokens *t, char *buf, size_t cap);

#endif
