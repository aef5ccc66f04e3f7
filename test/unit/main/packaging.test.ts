// What can be checked of the installers without downloading Electron: the electron-builder
// configuration against electron-builder's own schema, the fuses the afterPack hook flips (on a
// stand-in binary carrying Electron's fuse wire), and what goes into the app archive.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createPackageFromFiles, listPackage } from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { projectRoot, tempDir } from '../../helpers/context';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  afterPack: string;
  icon: string;
  extraResources: { from: string; to: string; filter: string[] }[];
  fileAssociations: { ext: string; name: string }[];
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}

const config = yaml.load(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('the electron-builder configuration', () => {
  it("passes electron-builder's own schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { target: ['AppImage'], bogus: 1 } }, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration/,
    );
  });

  it('names the four installers, the .recert association, the app identity and a real icon', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'recert', name: 'Recert records' })]);
    expect(config).toMatchObject({ appId: 'org.recert.app', productName: 'Recert', afterPack: 'build/after-pack.cjs' });
    expect(config.asarUnpack).toContain('**/*.node');
    const icon = PNG.sync.read(readFileSync(join(projectRoot, config.icon)));
    expect([icon.width, icon.height]).toEqual([1024, 1024]);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(PNG.sync.read(readFileSync(join(projectRoot, `resources/icons/icon-${size}.png`))).width).toBe(size);
    }
  });

  it('npm run dist builds the installers for the current platform', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder --publish never');
  });
});

describe('the afterPack hook', () => {
  it('flips the fuses in the packed binary: no RunAsNode, NODE_OPTIONS or inspect; asar only, with integrity; cookies encrypted', async () => {
    // A stand-in binary: Electron's fuse sentinel, wire version 1, 9 fuses, all as Electron ships them.
    const dir = tempDir('recert-fuses-');
    const wire = [1, 0, 1, 1, 0, 0, 0, 1, 1].map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE));
    const binary = Buffer.concat([
      Buffer.alloc(4096, 7),
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, wire.length, ...wire]),
      Buffer.alloc(64, 7),
    ]);
    writeFileSync(join(dir, 'recert'), binary);
    const hook = require(join(projectRoot, 'build/after-pack.cjs')) as { default(context: unknown): Promise<void> };
    await hook.default({
      electronPlatformName: 'linux',
      arch: 1,
      appOutDir: dir,
      packager: { executableName: 'recert', appInfo: { productFilename: 'Recert' } },
    });
    const fuses = await getCurrentFuseWire(join(dir, 'recert'));
    const state = (option: FuseV1Options) => fuses[option];
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
  });
});

/** Every file under `dir`, relative to the project root. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(projectRoot, path)];
  });
}

describe('the app archive', () => {
  it('holds the built app and production dependencies only: no sources, tests or development packages', async () => {
    expect(config.files).toEqual(['out/**', 'package.json', '!**/*.map']);
    const production = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: projectRoot, encoding: 'utf8' })
      .split('\n')
      .filter((path) => path && path !== projectRoot && existsSync(path));
    const files = [
      ...walk(join(projectRoot, 'out')).filter((f) => !f.endsWith('.map')),
      'package.json',
      ...production.flatMap((dir) => walk(dir)),
    ];
    const archive = join(tempDir('recert-asar-'), 'app.asar');
    await createPackageFromFiles(
      projectRoot,
      archive,
      [...new Set(files)].map((f) => join(projectRoot, f)),
    );
    const listed = listPackage(archive, { isPack: false }).map((p) => p.replace(/\\/g, '/'));
    for (const expected of [
      '/out/main/index.js',
      '/out/main/cli.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
      '/package.json',
    ]) {
      expect(listed, expected).toContain(expected);
    }
    expect(listed.some((p) => p.startsWith('/node_modules/better-sqlite3/'))).toBe(true);
    expect(listed.some((p) => p.startsWith('/node_modules/pdfkit/'))).toBe(true);
    for (const forbidden of [
      '/test/',
      '/main/core/',
      '/renderer/src/',
      '/node_modules/vitest/',
      '/node_modules/electron/',
      '/node_modules/typescript/',
      '/node_modules/@playwright/',
      '/node_modules/eslint/',
      '/resources/',
    ]) {
      expect(
        listed.filter((p) => p.startsWith(forbidden)),
        forbidden,
      ).toEqual([]);
    }
    expect(listed.filter((p) => p.startsWith('/out/') && p.endsWith('.ts'))).toEqual([]);
    // React and the table libraries are bundled into out/renderer by Vite: not shipped twice.
  }, 120_000);
});

describe('the release workflow', () => {
  it('tests first, then builds the installers on Linux, macOS and Windows and uploads them', () => {
    const workflow = yaml.load(readFileSync(join(projectRoot, '.github/workflows/release.yml'), 'utf8')) as {
      on: { push: { tags: string[] } };
      jobs: {
        test: { steps: { run?: string }[] };
        dist: {
          needs: string;
          strategy: { matrix: { os: string[] } };
          steps: { run?: string; uses?: string; env?: Record<string, string> }[];
        };
      };
    };
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.jobs.test.steps.some((s) => s.run?.includes('.ci/run'))).toBe(true);
    expect(workflow.jobs.dist.needs).toBe('test');
    expect(workflow.jobs.dist.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    const build = workflow.jobs.dist.steps.find((s) => s.run?.startsWith('npm run dist'));
    expect(build?.env).toMatchObject({ CSC_LINK: '${{ secrets.CSC_LINK }}', APPLE_ID: '${{ secrets.APPLE_ID }}' });
    expect(workflow.jobs.dist.steps.some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true);
  });
});
