/* Records of long names: a log that formats each record into a fixed-size buffer can cut a
 * long name's record short and lose its line end with it (a truncating _snwprintf leaves no
 * terminator, and the text after the buffer goes out too); so does a text stream of 8-bit
 * characters for a name with a character beyond U+00FF: the next record then follows it
 * on the same line, and a parser of the log reads the two as one (files.injection). [design] */
#ifndef RECORD_ENDS_H
#define RECORD_ENDS_H

/* Adds of short and of long or non-ASCII marked names, one after the other; each written
 * file is read back, and a short name's record on the line of the long name's before it
 * fails (files.injection, not judged again once it failed). Judges only files that put a line
 * break after a short name's record. The same files judge files.encoding
 * (record_encoding.h). */
void record_ends_judge(void);

#endif
