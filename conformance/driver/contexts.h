/* [doc] A PRE that leaves lpContext NULL gets no POST. The same map and
 * unmap repeated, each leaving the notifier as it was, must get a context
 * every time it got one: a context drawn from a counter that wraps (a BYTE
 * or WORD id) is NULL once per wrap, and that operation's POST, with all the
 * notifier kept for it, is lost. drive.contexts */
#ifndef CONTEXTS_H
#define CONTEXTS_H

/* Maps and unmaps one drive `repeats` times, each PRE/POST pair complete,
 * then on to 66000 times (past a WORD id's wrap) when the notifier's calls
 * would take at most a minute, and judges drive.contexts. */
void contexts_repeat(unsigned repeats);

#endif
