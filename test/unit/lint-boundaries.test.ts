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
