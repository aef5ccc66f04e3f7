// electron-builder's afterPack hook: flips Electron's fuses in the packed binary before it is signed,
// so the shipped app cannot be turned into a plain Node runtime or told to load code from outside
// its signed archive. CommonJS because electron-builder loads hooks with require().
const path = require('node:path');

/** The fuses Recert ships with, by @electron/fuses' option names. */
function fuseSettings(FuseV1Options) {
  return {
    // `Recert --recert-cli …` runs the command line in the main process instead (main/index.ts).
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The renderer loads from app://, not file://: file: pages need no extra privileges.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** The Electron executable inside the packed app, per platform. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  await flipFuses(electronBinary(context), {
    version: FuseVersion.V1,
    // macOS arm64 binaries carry an ad-hoc signature that flipping invalidates: re-sign it.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3,
    ...fuseSettings(FuseV1Options),
  });
}

module.exports = { default: afterPack, afterPack, fuseSettings, electronBinary };
