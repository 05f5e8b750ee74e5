// The one place the scripts in bin/ ask which OS they run on (the app's Node side asks
// main/engine/platform.ts, the hosts their modules in workloads/hosts), so a platform branch is easy to find.
export const OS = process.platform;

/** Whether a desktop window could open: Linux needs an X or Wayland display; macOS and Windows always have one. */
export const hasDisplay = () => OS !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
