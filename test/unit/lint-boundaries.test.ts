import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/context';

const eslint = new ESLint({ cwd: projectRoot });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint enforces the runtime boundaries', () => {
  it('fails when main/core imports electron', async () => {
    expect(await ruleIds('main/core/rules/sneaky.ts', "import { app } from 'electron';\nexport const name = app.getName();\n")).toContain(
      'no-restricted-imports',
    );
  });
  it('allows electron in main/index.ts', async () => {
    expect(await ruleIds('main/sneaky-ok.ts', "import { app } from 'electron';\nexport const name = app.getName();\n")).not.toContain(
      'no-restricted-imports',
    );
  });
  it('fails when the renderer imports a Node built-in or the store', async () => {
    expect(await ruleIds('renderer/src/sneaky.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n")).toContain(
      'no-restricted-imports',
    );
    expect(
      await ruleIds('renderer/src/sneaky.ts', "import { openStore } from '../../main/core/store/open';\nexport const f = openStore;\n"),
    ).toContain('no-restricted-imports');
  });
});

describe('dependencies run one way', () => {
  it('has no import cycle among main, preload and the renderer', async () => {
    const { importCycles } = await import('../../scripts/import-cycles.mjs');
    expect(importCycles(projectRoot)).toEqual([]);
  });

  it('would name a cycle', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('../helpers/context');
    const { importCycles } = (await import('../../scripts/import-cycles.mjs')) as {
      importCycles(root: string, folders: string[]): string[][];
    };
    const root = tempDir('recert-cycles-');
    mkdirSync(join(root, 'main'));
    writeFileSync(join(root, 'main', 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    writeFileSync(join(root, 'main', 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
    writeFileSync(join(root, 'main', 'c.ts'), "import { a } from './a';\nexport const c = a;\n");
    expect(importCycles(root, ['main'])).toEqual([['main/a.ts', 'main/b.ts']]);
  });

  it('fails when main/core imports the preload or the contract', async () => {
    expect(
      await ruleIds('main/core/rules/sneaky.ts', "import { contract } from '../../../preload/contract';\nexport const c = contract;\n"),
    ).toContain('no-restricted-imports');
  });
});

describe("a person's standing is read through the read model alone", () => {
  const windowReads = "import { standingReads } from '../store/evaluation-reads';\nexport const r = standingReads;\n";
  it("fails when anything outside main/core/standing imports the store's window reads or the model's own files", async () => {
    expect(await ruleIds('main/core/service/sneaky.ts', windowReads)).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        'main/core/service/sneaky.ts',
        "import { evaluateWindowed } from '../standing/windowed';\nexport const w = evaluateWindowed;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds('main/sneaky.ts', "import { snapshotLogPage } from './core/standing/course-log';\nexport const s = snapshotLogPage;\n"),
    ).toContain('no-restricted-imports');
  });
  it('allows the read model its own queries, and everyone its index and the bulk reads', async () => {
    expect(await ruleIds('main/core/standing/sneaky.ts', windowReads)).not.toContain('no-restricted-imports');
    expect(
      await ruleIds(
        'main/core/service/sneaky.ts',
        "import { evaluationReads } from '../store/evaluation-reads';\nimport { standingReadModel } from '../standing';\nexport const r = [evaluationReads, standingReadModel];\n",
      ),
    ).not.toContain('no-restricted-imports');
  });
});
