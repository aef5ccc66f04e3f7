import type { Db } from './open';

/** Key → JSON value. Callers validate what they read back; the table only guarantees valid JSON. */
export function settingsRepository(db: Db) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    get(key: string): unknown {
      const row = read.get(key);
      return row ? (JSON.parse(row.value) as unknown) : undefined;
    },
    set(key: string, value: unknown): void {
      write.run(key, JSON.stringify(value));
    },
  };
}

export function ruleSetOverridesRepository(db: Db) {
  const all = db.prepare<[], { rule_set: string; parameters: string }>(
    'SELECT rule_set, parameters FROM rule_set_overrides ORDER BY rule_set',
  );
  const write = db.prepare<[string, string]>(
    'INSERT INTO rule_set_overrides (rule_set, parameters) VALUES (?, ?) ON CONFLICT(rule_set) DO UPDATE SET parameters = excluded.parameters',
  );
  const remove = db.prepare<[string]>('DELETE FROM rule_set_overrides WHERE rule_set = ?');
  return {
    all(): Record<string, unknown> {
      return Object.fromEntries(all.all().map((row) => [row.rule_set, JSON.parse(row.parameters) as unknown]));
    },
    set(ruleSet: string, parameters: Record<string, unknown>): void {
      write.run(ruleSet, JSON.stringify(parameters));
    },
    remove(ruleSet: string): void {
      remove.run(ruleSet);
    },
  };
}
