/* The caller's synchronous I/O: a notifier whose watchdog cancels a thread's
 * synchronous I/O (CancelSynchronousIo) unless the operation's POST stops it
 * cancels whatever the caller does by then when no POST comes (a PRE that is
 * refused or asks for none [doc]): the caller's own read fails with
 * ERROR_OPERATION_ABORTED (state.thread). [design] */
#ifndef HOOKS_CANCEL_IO_H
#define HOOKS_CANCEL_IO_H

#include <windows.h>

BOOL WINAPI w_CancelSynchronousIo(HANDLE thread);

#endif
