/**
 * Ctrl-C, SIGTERM, or the reader of stdout gone: the first calls onInterrupt (stop cleanly), a second
 * Ctrl-C exits at once. `corescope sample | head -2` ends like `mpstat 1 | head -2`: once head has
 * its lines and exits, the next write fails with EPIPE, and what runs is stopped as on Ctrl-C.
 */
export function whenInterrupted(onInterrupt: () => void): () => void {
  let count = 0;
  const handler = () => {
    if (++count > 1) process.exit(130);
    onInterrupt();
  };
  const onStdoutError = (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' && count === 0) handler();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  process.stdout.on('error', onStdoutError);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
    process.stdout.off('error', onStdoutError);
  };
}

/**
 * A reader that has gone is no error of ours (there is no one left to tell): EPIPE on stdout is let go,
 * any other error on it still throws.
 */
export function letStdoutReaderGo(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
