/**
 * Reads small /proc files again and again through handles kept open: one pread per read instead of
 * open + stat + read + close, which matters when 64 threads are read ten times a second. Handles of
 * files no longer asked for are closed by retainOnly().
 */
import { open, type FileHandle } from 'node:fs/promises';

const BUFFER_BYTES = 8192; // stat lines are < 1 KB, smaps_rollup < 2 KB

export class ProcFiles {
  private readonly handles = new Map<string, Promise<FileHandle | null>>();

  async read(path: string): Promise<string | null> {
    let handle = this.handles.get(path);
    if (!handle) {
      handle = open(path, 'r').catch(() => null);
      this.handles.set(path, handle);
    }
    const fh = await handle;
    if (!fh) {
      this.handles.delete(path);
      return null;
    }
    try {
      const buf = Buffer.allocUnsafe(BUFFER_BYTES);
      const { bytesRead } = await fh.read(buf, 0, BUFFER_BYTES, 0);
      return bytesRead > 0 ? buf.toString('utf8', 0, bytesRead) : null;
    } catch {
      // the task has exited (ESRCH): forget the handle
      this.close(path);
      return null;
    }
  }

  /** Close every handle whose path isn't in `keep`. */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const path of [...this.handles.keys()]) if (!keep.has(path)) this.close(path);
  }

  closeAll(): void {
    this.retainOnly(new Set());
  }

  private close(path: string): void {
    const handle = this.handles.get(path);
    this.handles.delete(path);
    void handle?.then((fh) => fh?.close()).catch(() => undefined);
  }
}
