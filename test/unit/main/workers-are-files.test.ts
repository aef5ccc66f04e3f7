// Code a thread runs is a file the type-checker, lint and coverage see: no source text evaluated at
// run time anywhere in main/, and the backup copy's worker is the built file beside the bundle.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyWorkerFile } from '../../../main/core/backup/copy-hashed';
import { projectRoot } from '../../helpers/context';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.[cm]?[jt]s$/.test(entry.name) ? [path] : [];
  });
}

// `new Function(...)`, `eval(...)` and a Worker started from text (`eval: true`).
const EVALUATED = /\bnew\s+Function\s*\(|(?<![.\w])eval\s*\(|\beval\s*:\s*true\b/;

describe('workers are files', () => {
  it('finds no code evaluated from text in main/', () => {
    const files = sources(join(projectRoot, 'main'));
    expect(files.length).toBeGreaterThan(50);
    const found = files.filter((file) => EVALUATED.test(readFileSync(file, 'utf8'))).map((file) => relative(projectRoot, file));
    expect(found).toEqual([]);
  });

  it('recognises each form it looks for', () => {
    for (const text of ["new Function('return 1')", 'eval(source)', 'new Worker(text, { eval: true })'])
      expect(EVALUATED.test(text)).toBe(true);
    for (const text of ['evaluate(person)', 'retrieval(x)', 'evalTrue: true', 'functionName()']) expect(EVALUATED.test(text)).toBe(false);
  });

  it("finds the backup copy's worker where the build puts it", () => {
    expect(copyWorkerFile()).toBe(join(projectRoot, 'out', 'main', 'copy-worker.js'));
  });
});
