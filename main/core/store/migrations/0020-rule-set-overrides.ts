import type { Migration } from './types';

// Rule-set parameters that differ from the shipped defaults (`ruleSetOverrides` in docs/records-file.md), such
// as the end of NASM's CPR/AED waiver once the trainer confirms it. One JSON document per rule set.
export const ruleSetOverrides: Migration = {
  version: 20,
  name: 'rule-set overrides',
  up(db) {
    db.exec(`
      CREATE TABLE rule_set_overrides (
        rule_set   TEXT PRIMARY KEY CHECK (length(rule_set) BETWEEN 1 AND 64),
        parameters TEXT NOT NULL CHECK (json_valid(parameters) AND json_type(parameters) = 'object')
      ) STRICT;
    `);
  },
};
