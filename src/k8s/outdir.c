/* k8s/outdir: an artifact directory appears whole or not at all.  Files are written into a
 * private temporary directory beside the target (same file system), then renamed into place.
 * TODO(merge): the OCI emitter has its own; one helper in base/ should serve both. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "k8s/emit.h"

/* Remove DIR and the files in it (the bundles are flat; one level of subdirectories). */
static int remove_tree(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) != 0) rc = -1;
        else if (S_ISDIR(st.st_mode)) rc |= depth < 4 ? remove_tree(path, depth + 1) : -1;
        else if (unlink(path) != 0) rc = -1;
    }
    closedir(d);
    return rmdir(dir) == 0 ? rc : -1;
}

int k8s_outdir_open(k8s_outdir *o, const char *dir, int force, buf *err)
{
    memset(o, 0, sizeof *o);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') n--;
    if (n == 0 || n + 16 >= sizeof o->final) {
        buf_printf(err, "%s: unusable output directory name\n", dir);
        return -1;
    }
    memcpy(o->final, dir, n);
    o->final[n] = '\0';
    o->force = force;
    struct stat st;
    if (lstat(o->final, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            buf_printf(err, "%s: exists and is not a directory\n", o->final);
            return -1;
        }
        if (!force) {
            buf_printf(err, "%s: directory exists; use --force to replace it\n", o->final);
            return -1;
        }
    }
    snprintf(o->tmp, sizeof o->tmp, "%s.tmp-XXXXXX", o->final);
    if (!mkdtemp(o->tmp)) {   /* mode 0700: the bundle may hold key material */
        buf_printf(err, "%s: cannot create a temporary directory: %s\n", o->tmp, strerror(errno));
        return -1;
    }
    o->open = 1;
    return 0;
}

int k8s_outdir_write(k8s_outdir *o, const char *name, const char *data, size_t len, mode_t mode, buf *err)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", o->tmp, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        buf_printf(err, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    /* the umask may have narrowed MODE; key files must be exactly 0600 */
    int rc = fchmod(fd, mode);
    for (size_t off = 0; rc == 0 && off < len;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) rc = -1;
        else off += (size_t)w;
    }
    if (rc == 0) rc = fsync(fd);
    if (close(fd) != 0) rc = -1;
    if (rc != 0) buf_printf(err, "%s: write failed: %s\n", path, strerror(errno));
    return rc;
}

int k8s_outdir_commit(k8s_outdir *o, buf *err)
{
    char old[2100];
    old[0] = '\0';
    struct stat st;
    if (lstat(o->final, &st) == 0) {
        /* --force: move the old directory aside first, so the rename below is atomic */
        snprintf(old, sizeof old, "%s.old-XXXXXX", o->final);
        if (!mkdtemp(old) || rmdir(old) != 0 || rename(o->final, old) != 0) {
            buf_printf(err, "%s: cannot move the existing directory aside: %s\n", o->final, strerror(errno));
            k8s_outdir_abort(o);
            return -1;
        }
    }
    if (rename(o->tmp, o->final) != 0) {
        buf_printf(err, "%s: cannot rename into place: %s\n", o->final, strerror(errno));
        if (old[0]) rename(old, o->final);
        k8s_outdir_abort(o);
        return -1;
    }
    o->open = 0;
    if (old[0] && remove_tree(old, 0) != 0) buf_printf(err, "%s: the previous directory could not be removed\n", old);
    return 0;
}

void k8s_outdir_abort(k8s_outdir *o)
{
    if (o->open) remove_tree(o->tmp, 0);
    o->open = 0;
}
