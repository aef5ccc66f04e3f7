import { join } from 'node:path';
import { evaluateCredential } from '../../main/core/rules/engine';
import type { RuleSet } from '../../main/core/rules/ruleset-schema';
import { loadRuleSets, withOverride } from '../../main/core/rules/rulesets';
import type { CourseFacts, CprAedCardFacts, CredentialFacts, FileVerdict, Verdict } from '../../main/core/domain/verdict';
import { fileVerdict } from '../../main/core/rules/verdict-format';
import { resourcesDir } from './context';

export const shippedRuleSets = loadRuleSets(join(resourcesDir, 'rulesets'));

export function ruleSet(id: string): RuleSet {
  const found = shippedRuleSets.find((r) => r.id === id);
  if (!found) throw new Error(`no rule set ${id}`);
  return found;
}

export function credential(overrides: Partial<CredentialFacts> = {}): CredentialFacts {
  return {
    id: 'c1',
    expires: '2027-03-31',
    cycleStart: null,
    certified: null,
    applicationSubmitted: null,
    applicationAccepted: null,
    auditNoticeReceived: null,
    documentsSent: null,
    ...overrides,
  };
}

let nextCourse = 1;
/** A NASM course of 1.9 CEUs with its certificate, unless told otherwise. */
export function course(overrides: Partial<CourseFacts> & { ceus?: number; hours?: number } = {}): CourseFacts {
  const { ceus, hours, ...rest } = overrides;
  return {
    id: `a${nextCourse++}`,
    title: 'Course',
    provider: 'NASM',
    approval: 'nasm',
    approvalCode: null,
    completed: '2026-02-01',
    ceuThousandths: hours === undefined ? Math.round((ceus ?? 1.9) * 1000) : null,
    contactHourHundredths: hours === undefined ? null : Math.round(hours * 100),
    petitionStatus: null,
    category: null,
    hasCertificate: true,
    ...rest,
  };
}

/** A current hands-on card with Adult CPR and AED and its photo, unless told otherwise. */
export function card(overrides: Partial<CprAedCardFacts> = {}): CprAedCardFacts {
  return {
    id: 'k1',
    completed: '2025-06-01',
    expires: '2027-06-01',
    adultCpr: true,
    aed: true,
    handsOn: true,
    hasCertificate: true,
    ...overrides,
  };
}

export interface EvaluateOptions {
  ruleSet?: RuleSet;
  asOf?: string;
  credential?: Partial<CredentialFacts>;
  courses?: CourseFacts[];
  cards?: CprAedCardFacts[];
  waiverUntil?: string | null;
}

/** The engine's verdict (per-course parts as lists), with a NASM course and a current card unless told otherwise. */
export function engineVerdict(options: EvaluateOptions): Verdict {
  let rules = options.ruleSet ?? ruleSet('nasm-cpt');
  if (options.waiverUntil !== undefined) rules = withOverride(rules, { cprAedWaiver: { from: '2020-03-01', until: options.waiverUntil } });
  return evaluateCredential(rules, {
    asOf: options.asOf ?? '2026-11-21',
    credential: credential(options.credential),
    courses: options.courses ?? [course()],
    cards: options.cards ?? [card()],
  });
}

/** The verdict as `recert evaluate` writes it: an entry per course and a code per warning, as the rules are stated. */
export function evaluate(options: EvaluateOptions): FileVerdict {
  return fileVerdict(engineVerdict(options));
}
