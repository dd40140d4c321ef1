/* cn_conform mpr case: stub */
#include "conform.h"
void case_mpr(void) { out_line("SKIPCASE\tnot yet"); }
int mpr_ops_child(void) { return 0; }
