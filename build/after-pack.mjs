// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is signed.
// RunAsNode stays ON: the engine forks its Node hosts with child_process.fork, which in Electron runs
// the app's own binary as Node (ELECTRON_RUN_AS_NODE), and a scenario host forks its unit processes the
// same way; utilityProcess.fork would cover only the first level (README, "Packaging").
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { join } from 'node:path';

const binaryName = (context) => {
  const name = context.packager.appInfo.productFilename;
  if (context.electronPlatformName === 'darwin') return join(context.appOutDir, `${name}.app`);
  if (context.electronPlatformName === 'win32') return join(context.appOutDir, `${name}.exe`);
  return join(context.appOutDir, context.packager.executableName);
};

export default async function afterPack(context) {
  await flipFuses(binaryName(context), {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3, // arm64
    [FuseV1Options.RunAsNode]: true,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
};
