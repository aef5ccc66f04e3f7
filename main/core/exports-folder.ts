// Files this process hands to the user (a packet, a team report) wait in its own folder under
// <data>/exports until they are downloaded. Each process owns one folder and removes only that one,
// so starting the CLI or a second browser-mode host never deletes a file another one is serving.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from './ids';

/** Folders of processes that ended without cleaning up (a crash, kill -9) are removed after a day. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export function openExportsFolder(dataDir: string, now = Date.now()): { dir: string; close(): void } {
  const root = join(dataDir, 'exports');
  mkdirSync(root, { recursive: true });
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed it first: nothing to do.
    }
  }
  const dir = join(root, newId('session'));
  mkdirSync(dir);
  return { dir, close: () => rmSync(dir, { recursive: true, force: true }) };
}
