#include "connotify/notify_core.h"
