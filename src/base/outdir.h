/* outdir: write a directory of generated files all at once or not at all.  Files go to a
 * temporary directory beside the target, which is renamed into place by outdir_commit();
 * until then nothing at the target changes, and outdir_abort() leaves no trace.  Errors are
 * values: every function fills ERR and returns -1. */
#ifndef IAMC_BASE_OUTDIR_H
#define IAMC_BASE_OUTDIR_H
#include <stddef.h>

typedef struct outdir outdir;

enum {
    OUTDIR_REPLACE = 1 << 0   /* an existing target may be replaced (--force) */
};

/* Start writing the directory PATH.  An existing PATH is refused, unless OUTDIR_REPLACE and
 * it is a directory that is empty or holds MARKER (a file the writer's own output always
 * has, e.g. "MANIFEST.json"): --force must never delete a directory it did not make. */
outdir *outdir_open(const char *path, unsigned flags, const char *marker, char *err, size_t errlen);
/* Add the file REL (a relative path; folders are made) with LEN bytes of DATA and MODE
 * (0644, 0755, or 0600 for files that hold secrets). */
int outdir_add(outdir *o, const char *rel, const void *data, size_t len, unsigned mode, char *err, size_t errlen);
/* Move the directory into place (atomically where the system can exchange two paths) and
 * release O, whatever the outcome. */
int outdir_commit(outdir *o, char *err, size_t errlen);
/* Remove everything written and release O. */
void outdir_abort(outdir *o);

/* Does the directory PATH hold FILE, at any depth (both resolved, symbolic links followed)?
 * --force must not delete the input it reads, even from an earlier bundle. */
int outdir_holds(const char *path, const char *file);

/* Does GIVEN name a directory outdir_open() may write (not '.', '..' or '/', after trailing
 * slashes)?  0 and a message in ERR when not: callers check it before anything else. */
int outdir_name_ok(const char *given, char *err, size_t errlen);

/* Is REL a path outdir_add() accepts (relative, no '.' or '..' parts, no empty parts)? */
int outdir_valid_path(const char *rel);

#endif
