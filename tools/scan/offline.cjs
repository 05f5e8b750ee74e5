// Loaded into electronegativity (node --require) for npm run scan. It fetches two things from the
// network that are not findings: its translations and Electron's release list (for its "newer release"
// check). Offline (CI here) both fail, and on Node 24 its HTTP client (got + p-cancelable) throws
// those failures from timers instead of rejecting. Let exactly those network errors pass; any other
// error still ends the scan.
const offline = (e) =>
  e instanceof Error && (e.name === 'RequestError' || e.message.includes('onCancel` handler was attached after the promise settled'));
process.on('uncaughtException', (e) => {
  if (offline(e)) return;
  console.error(e);
  process.exit(1);
});
process.on('unhandledRejection', (e) => {
  if (offline(e)) return;
  console.error(e);
  process.exit(1);
});
