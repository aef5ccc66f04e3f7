// Bad input to the built `recert` command ends in a message and exit 2, never an unhandled
// rejection or a stack trace (each case run as a real child process).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, tempDir } from '../helpers/context';

const bin = join(projectRoot, 'bin/recert.js');
const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});
function dir(): string {
  const d = tempDir('recert-cli-refusals-');
  folders.push(d);
  return d;
}
function recert(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const noStack = /\n\s+at |Unhandled|node:internal|Node\.js v/;

beforeAll(() => {
  if (!existsSync(join(projectRoot, 'out/main/cli.js'))) throw new Error('Build first: npm run build');
});

describe('recert check refuses bad input with exit 2', () => {
  it('a missing folder', () => {
    const { code, stderr } = recert(['check', '--db', join(dir(), 'nowhere')]);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/^recert: --db: .*nowhere is not a Recert data folder/);
    expect(stderr).not.toMatch(noStack);
  });

  it('a database written by a newer version', () => {
    const data = dir();
    const db = new Database(join(data, 'recert.sqlite3'));
    db.pragma('user_version = 999');
    db.close();
    const { code, stderr } = recert(['check', '--db', data]);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/written by a newer version of Recert \(schema 999/);
    expect(stderr).not.toMatch(noStack);
  });

  it('an extra argument', () => {
    const data = dir();
    mkdirSync(join(data, 'x'));
    const { code, stderr } = recert(['check', 'extra', '--db', data]);
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/^recert: check takes no FILE argument/);
    expect(stderr).not.toMatch(noStack);
  });
});
