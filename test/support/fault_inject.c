/* fault_inject: an LD_PRELOAD shim for the bad-environment integration test
 * (test/integration/bad_inputs.sh). Test-only; never linked into the tool.
 *
 *   TI_FAULT_ENOSPC_DIR=/abs/dir   write, pwrite, pwrite64 and writev on a
 *       descriptor whose file (readlink /proc/self/fd/N) lies under that
 *       folder fail with errno ENOSPC, as on a full disk.
 *   TI_FAULT_ENOSPC_AFTER=BYTES    ... but only once this many bytes went to
 *       such files in this process (default 0): the file is created and
 *       partly written first, the realistic case. The write that crosses the
 *       limit is cut short, as the kernel does.
 *   TI_FAULT_SEGV_MATCH=substring  a file opened with nc_open whose path holds
 *       the substring raises SIGSEGV on its first value read (nc_get_vara_*),
 *       standing in for a crash inside netCDF/HDF5 decoding a corrupt file.
 *       Only value reads crash: the planner opens every input for its header,
 *       and a task is what must contain the crash.
 *   TI_FAULT_SEGV_AT=open          crash in nc_open itself instead.
 *   TI_FAULT_STALL_MATCH=substring a rename() whose destination holds the
 *       substring (an output being committed: written, closed, not yet in
 *       place) first appends "<pid> <destination>" to the file
 *       TI_FAULT_STALL_MARK, then sleeps TI_FAULT_STALL_S seconds (default
 *       3600: until killed) before renaming. A test waits for the mark and
 *       then knows a task is running with its temporary on disk: the moment
 *       to send a stop signal or SIGKILL, whatever the machine's speed.
 *
 * Every wrapper forwards to the real function (dlsym RTLD_NEXT) otherwise,
 * and leaves errno as the real call set it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

/* Prototypes as in netcdf.h; declared here so the shim needs no netCDF. */
int nc_open(const char* path, int mode, int* ncidp);
int nc_get_vara_double(int ncid, int varid, const size_t* start, const size_t* count, double* out);
int nc_get_vara_float(int ncid, int varid, const size_t* start, const size_t* count, float* out);
int nc_close(int ncid);

static void* real(const char* name) {
  void* f = dlsym(RTLD_NEXT, name);
  if (f == NULL) {
    fprintf(stderr, "fault_inject: no real %s\n", name);
    abort();
  }
  return f;
}

/* Sets the function pointer `fn` to the real `name` on first use (memcpy:
 * ISO C has no cast from an object pointer to a function pointer). */
#define RESOLVE(fn, name)                  \
  do {                                     \
    if ((fn) == NULL) {                    \
      void* resolved_ = real(name);        \
      memcpy(&(fn), &resolved_, sizeof(fn)); \
    }                                      \
  } while (0)

/* ------------------------------------------------------------- ENOSPC */

/* Bytes this process wrote under TI_FAULT_ENOSPC_DIR (tasks write from one
 * thread; a race would only move the limit by one write). */
static unsigned long long written_under_dir = 0;

static int under_full_dir(int fd) {
  const int saved = errno;
  const char* dir = getenv("TI_FAULT_ENOSPC_DIR");
  int hit = 0;
  if (dir != NULL && dir[0] == '/') {
    char link[64];
    char path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t n = readlink(link, path, sizeof path - 1);
    if (n > 0) {
      size_t len = strlen(dir);
      path[n] = '\0';
      while (len > 1 && dir[len - 1] == '/') --len;
      hit = strncmp(path, dir, len) == 0 && (path[len] == '/' || path[len] == '\0');
    }
  }
  errno = saved;
  return hit;
}

/* How many of `count` bytes may still be written: `count` when the
 * descriptor is not under the full folder; 0 (errno ENOSPC) once full. */
static size_t room_for(int fd, size_t count) {
  if (!under_full_dir(fd)) return count;
  const char* after = getenv("TI_FAULT_ENOSPC_AFTER");
  const unsigned long long limit = after != NULL ? strtoull(after, NULL, 10) : 0;
  if (written_under_dir >= limit) {
    errno = ENOSPC;
    return 0;
  }
  const unsigned long long left = limit - written_under_dir;
  const size_t n = left < count ? (size_t)left : count;
  written_under_dir += n;
  return n;
}

ssize_t write(int fd, const void* buf, size_t count) {
  static ssize_t (*next)(int, const void*, size_t);
  RESOLVE(next, "write");
  const size_t n = room_for(fd, count);
  if (n == 0 && count > 0) return -1;
  return next(fd, buf, n);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  static ssize_t (*next)(int, const void*, size_t, off_t);
  RESOLVE(next, "pwrite");
  const size_t n = room_for(fd, count);
  if (n == 0 && count > 0) return -1;
  return next(fd, buf, n, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
  static ssize_t (*next)(int, const void*, size_t, off64_t);
  RESOLVE(next, "pwrite64");
  const size_t n = room_for(fd, count);
  if (n == 0 && count > 0) return -1;
  return next(fd, buf, n, offset);
}

/* writev is refused whole once the limit is reached, passed whole before. */
ssize_t writev(int fd, const struct iovec* iov, int iovcnt) {
  static ssize_t (*next)(int, const struct iovec*, int);
  RESOLVE(next, "writev");
  size_t total = 0;
  for (int i = 0; i < iovcnt; ++i) total += iov[i].iov_len;
  if (total > 0 && room_for(fd, total) == 0) return -1;
  return next(fd, iov, iovcnt);
}

/* ----------------------------------------------------------------- stall */

static void mark_stall(const char* mark, const char* destination) {
  FILE* f = fopen(mark, "a");
  if (f == NULL) return;
  fprintf(f, "%ld %s\n", (long)getpid(), destination);
  fclose(f);
}

int rename(const char* from, const char* to) {
  static int (*next)(const char*, const char*);
  RESOLVE(next, "rename");
  const char* match = getenv("TI_FAULT_STALL_MATCH");
  if (match != NULL && match[0] != '\0' && to != NULL && strstr(to, match) != NULL) {
    const char* mark = getenv("TI_FAULT_STALL_MARK");
    const char* secs = getenv("TI_FAULT_STALL_S");
    unsigned left = secs != NULL ? (unsigned)strtoul(secs, NULL, 10) : 3600u;
    if (mark != NULL && mark[0] != '\0') mark_stall(mark, to);
    while (left > 0) left = sleep(left); /* a handled signal must not cut it short */
  }
  return next(from, to);
}

/* --------------------------------------------------------------- SIGSEGV */

enum { kMaxMarked = 64 };
static int marked[kMaxMarked]; /* ncids of files that crash when read */
static int n_marked = 0;

static void crash(void) {
  /* What a wild pointer inside HDF5 ends in: the default SIGSEGV action. */
  raise(SIGSEGV);
}

int nc_open(const char* path, int mode, int* ncidp) {
  static int (*next)(const char*, int, int*);
  RESOLVE(next, "nc_open");
  const char* match = getenv("TI_FAULT_SEGV_MATCH");
  const int hit = match != NULL && match[0] != '\0' && path != NULL && strstr(path, match) != NULL;
  const char* at = getenv("TI_FAULT_SEGV_AT");
  if (hit && at != NULL && strcmp(at, "open") == 0) crash();
  const int status = next(path, mode, ncidp);
  if (hit && status == 0 && ncidp != NULL && n_marked < kMaxMarked) marked[n_marked++] = *ncidp;
  return status;
}

static void crash_if_marked(int ncid) {
  for (int i = 0; i < n_marked; ++i) {
    if (marked[i] == ncid) crash();
  }
}

int nc_get_vara_double(int ncid, int varid, const size_t* start, const size_t* count, double* out) {
  static int (*next)(int, int, const size_t*, const size_t*, double*);
  RESOLVE(next, "nc_get_vara_double");
  crash_if_marked(ncid);
  return next(ncid, varid, start, count, out);
}

int nc_get_vara_float(int ncid, int varid, const size_t* start, const size_t* count, float* out) {
  static int (*next)(int, int, const size_t*, const size_t*, float*);
  RESOLVE(next, "nc_get_vara_float");
  crash_if_marked(ncid);
  return next(ncid, varid, start, count, out);
}

/* A closed file's ncid may be reused by the next open: forget it. */
int nc_close(int ncid) {
  static int (*next)(int);
  RESOLVE(next, "nc_close");
  for (int i = 0; i < n_marked; ++i) {
    if (marked[i] == ncid) marked[i--] = marked[--n_marked];
  }
  return next(ncid);
}
