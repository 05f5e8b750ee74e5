/** Ctrl-C and SIGTERM: the first calls onInterrupt (stop cleanly), a second one exits at once. */
export function whenInterrupted(onInterrupt: () => void): () => void {
  let count = 0;
  const handler = () => {
    if (++count > 1) process.exit(130);
    onInterrupt();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
