/* drive.addfields: an add's answer does not depend on the fields of its NETRESOURCE that MPR
 * does not define. Only dwType, lpLocalName, lpRemoteName and lpProvider are [doc]; a caller
 * may pass a NETRESOURCE from WNetEnumResource (its dwScope, dwDisplayType and dwUsage filled
 * in) or leave them uninitialised. A policy that reads them refuses or allows the same share
 * by what the caller happened to leave there. [doc] */
#ifndef UNDEFINED_FIELDS_H
#define UNDEFINED_FIELDS_H

/* Compares each add PRE's answer with the undefined fields 0 and filled in as an enumeration
 * or a debug build leaves them. Returns 1 and prints nothing when every answer was the same;
 * 0 after a fail. *pairs: the (name, device) pairs compared. */
int undefined_fields_answers(unsigned *pairs);

#endif
