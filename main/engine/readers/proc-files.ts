/**
 * Reads small /proc files again and again through handles kept open, synchronously, into one buffer
 * reused by every read: one pread(2) per file per sample instead of open + stat + read + close, and no
 * hop through libuv's thread pool (a pread of a few KB from /proc takes microseconds; queueing it on
 * the pool and waking the loop again costs more than the read). The caller parses the bytes before
 * the next read. Handles of files no longer asked for are closed by retainOnly().
 */
import { closeSync, openSync, readSync } from 'node:fs';

const BUFFER_BYTES = 16384; // stat lines are < 1 KB, smaps_rollup < 2 KB, /proc/stat ~ 100 B per core

export class ProcFiles {
  private readonly fds = new Map<string, number>();
  /** the one buffer every read fills; valid until the next read */
  readonly buf = Buffer.allocUnsafe(BUFFER_BYTES);

  /** Bytes read into `buf`, or -1 when the file cannot be read (the task has exited). */
  read(path: string): number {
    let fd = this.fds.get(path);
    try {
      if (fd === undefined) {
        fd = openSync(path, 'r');
        this.fds.set(path, fd);
      }
      return readSync(fd, this.buf, 0, BUFFER_BYTES, 0);
    } catch {
      // gone (ENOENT at open, ESRCH at read): forget the handle
      this.close(path);
      return -1;
    }
  }

  /** Close every handle whose path isn't in `keep`. */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const path of this.fds.keys()) if (!keep.has(path)) this.close(path);
  }

  closeAll(): void {
    for (const path of [...this.fds.keys()]) this.close(path);
  }

  private close(path: string): void {
    const fd = this.fds.get(path);
    this.fds.delete(path);
    if (fd !== undefined)
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
  }
}
