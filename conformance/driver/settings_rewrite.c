/* The settings written again unchanged (see settings_rewrite.h). */
#include "settings_rewrite.h"

#include "settings_values.h"

/* A value set again as it is. */
static void rewrite_value(const struct settings_value *v, void *arg)
{
    unsigned *written = arg;
    if (!RegSetValueExW(v->key, v->name, 0, v->type, v->data, v->size))
        (*written)++;
}

/* Wine's server leaves a key's watchers alone when a value is set to the data it holds
 * [wine]: a value of the gate's own, made and deleted, tells them the key changed. */
static void touch_key(HKEY key, void *arg)
{
    (void)arg;
    settings_key_touch(key);
}

unsigned settings_rewrite(void)
{
    unsigned written = 0;
    settings_values_walk(rewrite_value, touch_key, &written);
    return written;
}
