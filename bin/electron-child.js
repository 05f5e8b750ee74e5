// What `npm start` gives the Electron child and how it reads a start that failed at once (bin/start.js).

/**
 * The environment for Electron: ELECTRON_RUN_AS_NODE, if it leaked in (a tool that ran Electron as
 * Node sets it), would make the binary run as plain Node and `import { app } from 'electron'` fail.
 */
export function electronEnv(env) {
  const rest = { ...env };
  delete rest.ELECTRON_RUN_AS_NODE;
  return rest;
}

// Chromium's words when its Linux sandbox can't start: no usable SUID helper, no user namespaces, or root
const SANDBOX_FAILURE = /SUID sandbox helper binary|chrome-sandbox|Running as root without --no-sandbox|No usable sandbox|setuid sandbox|zygote_host_impl_linux/i;

/** One line saying why, when Electron's stderr shows that its sandbox could not start; else null. */
export function sandboxFailure(stderr) {
  if (!SANDBOX_FAILURE.test(stderr)) return null;
  return /as root/i.test(stderr)
    ? "Electron's sandbox refuses to run as root"
    : "Electron's sandbox could not start (Linux: chrome-sandbox needs root:root and mode 4755, or user namespaces enabled)";
}
