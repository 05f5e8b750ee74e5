/**
 * The one place Node's side of CoreScope asks which OS it runs on (the hosts have theirs in
 * workloads/hosts: os-thread, parent-link, self-memory). Everything else asks this module, so a
 * platform branch is easy to find and the readers' choice (readers/choose.ts) stays the only switch
 * for what is measured how.
 */
export const OS: NodeJS.Platform = process.platform;
export const onLinux = OS === 'linux';
export const onWindows = OS === 'win32';
export const onMac = OS === 'darwin';
