import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';

export interface RecertApp {
  url: string;
  dataDir: string;
}

const projectRoot = resolve(__dirname, '../..');

/** Starts the built browser-mode host on a fresh data folder; resolves when it prints its URL. */
async function startHost(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(projectRoot, 'out/main/browser-host.js')], {
    env: { ...process.env, RECERT_DATA_DIR: dataDir, RECERT_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) resolveUrl(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}): ${output}`)));
  });
  return { child, url };
}

/** Imports a records file into the data folder with the built CLI, as a trainer migrating would. */
export function importRecords(dataDir: string, recordsFile: string): void {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), 'import', recordsFile, '--db', dataDir], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`import failed: ${result.stderr}`);
}

export async function launch(dataDir: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const { child, url } = await startHost(dataDir);
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

export const test = base.extend<{ app: RecertApp }>({
  // Playwright reads the fixture's dependencies from this destructuring pattern: it must stay empty.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'recert-e2e-'));
    // The day's automatic backup at once, not a minute later, so a test can see it.
    const { child, url } = await startHost(dataDir, { RECERT_BACKUP_DELAY_MS: '0' });
    await use({ url, dataDir });
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
