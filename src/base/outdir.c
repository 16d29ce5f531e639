/* outdir: temporary directory beside the target, then rename.  Linux can swap two paths in
 * one step (renameat2 RENAME_EXCHANGE); elsewhere the old directory is moved aside first,
 * which leaves a moment when the target does not exist but never a half-written one. */
#define _GNU_SOURCE
#include "outdir.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct outdir {
    char *path;          /* the target */
    char *tmp;           /* where files are written until commit */
    int fd;              /* TMP, opened once: files are made relative to it, never by path */
    int replace;         /* the target exists and will be replaced */
    int secret;          /* some file is 0600: folders stay 0700 */
};

static int fail(char *err, size_t errlen, const char *fmt, const char *a, const char *b)
{
    snprintf(err, errlen, fmt, a, b ? b : strerror(errno));
    return -1;
}

int outdir_valid_path(const char *rel)
{
    if (!rel[0] || rel[0] == '/') return 0;
    for (const char *p = rel;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) return 0;
        if (!slash) return 1;
        p = slash + 1;
    }
}

int outdir_holds(const char *path, const char *file)
{
    char *dir = realpath(path, NULL), *f = realpath(file, NULL);
    size_t n = dir ? strlen(dir) : 0;
    int holds = dir && f && strncmp(f, dir, n) == 0 && (f[n] == '/' || f[n] == '\0' || (n == 1 && dir[0] == '/'));
    free(dir), free(f);
    return holds;
}

/* A sibling of PATH named .BASE.WHAT-XXXXXX (same file system, so rename works). */
static char *sibling(const char *path, const char *what)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    size_t n = strlen(path) + strlen(what) + 16;
    char *s = malloc(n);
    if (!s) abort();
    snprintf(s, n, "%.*s.%s.%s-XXXXXX", (int)dirlen, path, path + dirlen, what);
    return s;
}

static int remove_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(p);
}

static void remove_tree(const char *path) { nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

static int is_empty_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return 0;
    int empty = 1;
    for (struct dirent *e; empty && (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) empty = 0;
    closedir(d);
    return empty;
}

/* May --force replace PATH?  Only a directory that is empty or holds MARKER. */
static int replaceable(const char *path, const char *marker, char *err, size_t errlen)
{
    struct stat st;
    if (lstat(path, &st) || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s exists and is not a directory", path);
        return -1;
    }
    if (is_empty_dir(path)) return 0;
    if (marker) {
        size_t n = strlen(path) + strlen(marker) + 2;
        char *m = malloc(n);
        if (!m) abort();
        snprintf(m, n, "%s/%s", path, marker);
        int has = lstat(m, &st) == 0 && S_ISREG(st.st_mode);
        free(m);
        if (has) return 0;
    }
    snprintf(err, errlen, "%s is not empty and has no %s: not replacing a directory iamc did not write", path,
             marker ? marker : "marker file");
    return -1;
}

/* PATH without its trailing slashes: "out/" names "out" itself, whose last component is
 * what is checked and renamed (with the slash, a symbolic link "out" would be followed and the
 * temporary directory made inside its target).  NULL when no component is left to name. */
static char *target_path(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/') n--;
    const char *base = path + n;
    while (base > path && base[-1] != '/') base--;
    size_t blen = (size_t)(path + n - base);
    if (blen == 0 || (blen == 1 && base[0] == '.') || (blen == 2 && base[0] == '.' && base[1] == '.')) return NULL;
    char *out = strndup(path, n);
    if (!out) abort();
    return out;
}

/* The temporary directory: ours (made by mkdtemp, mode 0700), opened without following a link. */
static int open_tmp(outdir *o)
{
    struct stat st;
    o->fd = open(o->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (o->fd < 0) return -1;
    if (fstat(o->fd, &st) || st.st_uid != geteuid() || (st.st_mode & 077)) {
        close(o->fd), o->fd = -1;
        errno = EPERM;
        return -1;
    }
    return 0;
}

int outdir_name_ok(const char *given, char *err, size_t errlen)
{
    char *path = target_path(given);
    if (!path) snprintf(err, errlen, "%s: name the directory to write, not '.', '..' or '/'", given);
    free(path);
    return path != NULL;
}

outdir *outdir_open(const char *given, unsigned flags, const char *marker, char *err, size_t errlen)
{
    char *path = target_path(given);
    if (!path) {
        snprintf(err, errlen, "%s: name the directory to write, not '.', '..' or '/'", given);
        return NULL;
    }
    struct stat st;
    int exists = lstat(path, &st) == 0;
    const char *refused = !exists ? NULL
                        : S_ISLNK(st.st_mode) ? "%s is a symbolic link: not writing through it"
                        : !(flags & OUTDIR_REPLACE) ? "%s exists (use --force to replace it)" : NULL;
    if (refused) snprintf(err, errlen, refused, path);
    if (refused || (exists && replaceable(path, marker, err, errlen))) {
        free(path);
        return NULL;
    }
    outdir *o = calloc(1, sizeof *o);
    if (!o) abort();
    o->path = path;
    o->tmp = sibling(path, "tmp");
    o->replace = exists;
    o->fd = -1;
    if (!mkdtemp(o->tmp)) {
        fail(err, errlen, "cannot create a temporary directory beside %s: %s", path, NULL);
        free(o->path), free(o->tmp), free(o);
        return NULL;
    }
    if (open_tmp(o)) {
        fail(err, errlen, "%s: %s", o->tmp, NULL);
        rmdir(o->tmp);
        free(o->path), free(o->tmp), free(o);
        return NULL;
    }
    return o;
}

/* Folders of REL inside the temporary directory, made as needed. */
static int make_parents(outdir *o, const char *rel, char *err, size_t errlen)
{
    char *p = strdup(rel);
    if (!p) abort();
    for (char *s = p; (s = strchr(s, '/')); s++) {
        *s = '\0';
        if (mkdirat(o->fd, p, 0700) && errno != EEXIST) {
            fail(err, errlen, "%s: %s", p, NULL);
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

int outdir_add(outdir *o, const char *rel, const void *data, size_t len, unsigned mode, char *err, size_t errlen)
{
    if (!outdir_valid_path(rel)) {
        snprintf(err, errlen, "'%s' is not a relative path inside the output directory", rel);
        return -1;
    }
    if (make_parents(o, rel, err, errlen)) return -1;
    /* O_EXCL: the same path twice is a bug in the caller, not something to overwrite */
    int fd = openat(o->fd, rel, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    int rc = fd < 0 ? -1 : 0;
    for (const char *at = data; rc == 0 && len > 0;) {
        ssize_t w = write(fd, at, len);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) rc = -1;
        else at += w, len -= (size_t)w;
    }
    /* fchmod, not the umask-filtered open mode: the mode asked for is the mode written */
    if (rc == 0 && (fchmod(fd, (mode_t)mode) || fsync(fd))) rc = -1;
    if (fd >= 0 && close(fd) && rc == 0) rc = -1;
    if (rc) fail(err, errlen, "%s: %s", rel, NULL);
    if ((mode & 077) == 0) o->secret = 1;
    return rc;
}

static void release(outdir *o)
{
    if (o->fd >= 0) close(o->fd);
    free(o->path);
    free(o->tmp);
    free(o);
}

static int set_dir_mode(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)ftw;
    return flag == FTW_D ? chmod(p, 0755) : 0;
}

static void sync_parent(const char *path)
{
    char *dir = strdup(path);
    if (!dir) return;
    char *slash = strrchr(dir, '/');
    const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
    int fd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) fsync(fd), close(fd);
    free(dir);
}

/* Rename FROM to TO where TO does not exist; RENAME_NOREPLACE, where the system has it,
 * keeps a target created meanwhile from being clobbered. */
static int move_new(const char *from, const char *to)
{
#ifdef RENAME_NOREPLACE
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
#endif
    return rename(from, to);
}

int outdir_commit(outdir *o, char *err, size_t errlen)
{
    /* folders readable by others unless they hold a secret */
    if (!o->secret) nftw(o->tmp, set_dir_mode, 16, FTW_PHYS);
    int rc = 0;
    if (!o->replace) {
        if (move_new(o->tmp, o->path)) rc = fail(err, errlen, "%s: %s", o->path, NULL);
    } else {
        int swapped = 0;
#ifdef RENAME_EXCHANGE
        swapped = renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path, RENAME_EXCHANGE) == 0;
#endif
        if (swapped) {
            remove_tree(o->tmp);   /* now the old directory */
        } else {
            char *old = sibling(o->path, "old");
            if (!mkdtemp(old)) {
                rc = fail(err, errlen, "%s: %s", o->path, NULL);
            } else if (rename(o->path, old)) {
                rc = fail(err, errlen, "%s: %s", o->path, NULL);
                rmdir(old);   /* still the empty one mkdtemp made */
            } else if (rename(o->tmp, o->path)) {
                int e = errno;
                rc = fail(err, errlen, "%s: %s", o->path, NULL);
                if (rename(old, o->path))   /* put the old one back, or say where it is */
                    snprintf(err, errlen, "%s: %s; the earlier directory is now %s", o->path, strerror(e), old);
            } else {
                remove_tree(old);
            }
            free(old);
        }
    }
    if (rc) remove_tree(o->tmp);
    else sync_parent(o->path);
    release(o);
    return rc;
}

void outdir_abort(outdir *o)
{
    if (!o) return;
    remove_tree(o->tmp);
    release(o);
}
