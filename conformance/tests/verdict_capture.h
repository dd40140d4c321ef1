/* out.h's result() and result_bad() for a test of a driver file: the last verdict and its
 * detail kept, nothing printed. */
#ifndef VERDICT_CAPTURE_H
#define VERDICT_CAPTURE_H

extern char captured_verdict[16];
extern char captured_detail[1024];

#endif
