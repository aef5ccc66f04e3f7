import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { issuePath } from '../../../preload/contract';

const ruleSetHeader = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: z.string().min(1),
  body: z.string().min(1),
});

export type RuleSetHeader = z.infer<typeof ruleSetHeader>;

/** Reads every rule set shipped in resources/rulesets; a broken file stops start-up with its path. */
export function loadRuleSets(folder: string): RuleSetHeader[] {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const parsed = ruleSetHeader.safeParse(JSON.parse(readFileSync(join(folder, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`resources/rulesets/${file}: ${issue ? `${issuePath(issue.path)}: ${issue.message}` : 'invalid'}`);
    }
    return { id: parsed.data.id, name: parsed.data.name, body: parsed.data.body };
  });
}
