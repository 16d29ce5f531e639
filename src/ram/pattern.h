/* ram/pattern: the '*' / '?' wildcards of Action, Resource and the Like operators. */
#ifndef IAMC_RAM_PATTERN_H
#define IAMC_RAM_PATTERN_H

/* Whether S matches pattern P ('*' any run, '?' one character); FOLD: ignore ASCII case.
 * Linear in practice, no allocation. */
int ram_glob(const char *p, const char *s, int fold);
/* Whether every string that matches Q also matches P (a sound test: a '*' of Q is covered
 * only by a '*' of P, a '?' of Q by a '?' or '*' of P). */
int ram_pattern_covers(const char *p, const char *q, int fold);

#endif
