/* settings.view: the notifier reads its machine settings from the registry
 * view the settings file (--reg) puts them in [doc: Registry redirector]. */
#ifndef SETTINGS_VIEW_H
#define SETTINGS_VIEW_H

/* Judges the views registry_views.h noted so far (call after the calls). */
void settings_view_judge(void);

#endif
