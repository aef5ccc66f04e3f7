import { auditChecklist } from '../audit-checklist';
import type { AsOf, RuleSetOverrideInput } from '../domain/inputs';
import type { CprAedCard, Person } from '../domain/records';
import type { AuditChecklist, CredentialEvaluation, RuleSetDetails, RuleSetSummary } from '../domain/views';
import { notFound, ServiceError } from '../errors';
import type { CourseVerdicts, VerdictSummary } from '../domain/verdict';
import type { StoredVerdict } from '../evaluation';
import { presentEvaluation } from '../rules/present';
import { ruleSetDetails, ruleSetSummary } from '../rules/rule-set-view';
import type { RuleSet } from '../rules/ruleset-schema';
import type { ServiceContext } from './context';
import { writes } from './writes';

export function evaluationService(ctx: ServiceContext) {
  const { store } = ctx;

  function present(
    stored: Pick<StoredVerdict, 'credential'> & { verdict: VerdictSummary },
    rules: Map<string, RuleSet>,
    asOf: string,
    person: Person,
    cardOf: (id: string) => CprAedCard | undefined,
    courses: CourseVerdicts | undefined,
  ): CredentialEvaluation {
    const ruleSet = rules.get(stored.credential.ruleSet);
    if (!ruleSet) throw new ServiceError('internal', `Rule set ${stored.credential.ruleSet} is not installed.`);
    return presentEvaluation({ asOf, person, credential: stored.credential, verdict: stored.verdict, ruleSet, cardOf, courses });
  }

  /** One person's verdicts, read from the courses of their counting windows (cached per data version). */
  function personEvaluations(personId: string, asOf: string): CredentialEvaluation[] {
    const person = ctx.requirePerson(personId, 'personId');
    const evaluation = ctx.standing.of(person.id, asOf);
    const cards = new Map(evaluation.cards.map((k) => [k.id, k]));
    return evaluation.verdicts.map((stored) =>
      present(stored, evaluation.ruleSets, asOf, person, (id) => cards.get(id), evaluation.listed.get(stored.credential.id)),
    );
  }

  return {
    listRuleSets: (): RuleSetSummary[] => ctx.ruleSets.map(ruleSetSummary),
    getRuleSet: ({ id }: { id: string }): RuleSetDetails => {
      const ruleSet = ctx.rules().get(id);
      if (!ruleSet) throw notFound('id', 'rule set', id);
      return ruleSetDetails(ruleSet);
    },
    updateRuleSetOverride: writes(({ ruleSet, cprAedWaiver }: RuleSetOverrideInput): RuleSetDetails => {
      ctx.requireRuleSet(ruleSet);
      ctx.write(() => (cprAedWaiver ? store.ruleSetOverrides.set(ruleSet, { cprAedWaiver }) : store.ruleSetOverrides.remove(ruleSet)));
      const updated = ctx.rules().get(ruleSet);
      if (!updated) throw notFound('ruleSet', 'rule set', ruleSet);
      return ruleSetDetails(updated);
    }),
    evaluateCredential: ({ credentialId, asOf }: { credentialId: string } & AsOf): CredentialEvaluation => {
      const credential = ctx.requireCredential(credentialId, 'credentialId');
      const found = personEvaluations(credential.personId, asOf ?? ctx.today()).find((e) => e.credential.id === credential.id);
      if (!found) throw new ServiceError('internal', `Rule set ${credential.ruleSet} is not installed.`);
      return found;
    },
    evaluatePerson: ({ personId, asOf }: { personId: string } & AsOf): CredentialEvaluation[] =>
      personEvaluations(personId, asOf ?? ctx.today()),
    evaluateEveryone: ({ asOf, includeInactive }: AsOf & { includeInactive?: boolean | undefined }): CredentialEvaluation[] => {
      const rules = ctx.rules();
      const date = asOf ?? ctx.today();
      const people = new Map(store.people.list(includeInactive ?? false).map((p) => [p.id, p]));
      const cards = new Map(store.cprAedCards.listAll().map((k) => [k.id, k]));
      return ctx.everyone.verdicts(date).flatMap((stored) => {
        const person = people.get(stored.personId);
        return person ? [present(stored, rules, date, person, (id) => cards.get(id), stored.verdict.courses)] : [];
      });
    },
    getAuditChecklist: ({ credentialId, asOf }: { credentialId: string } & AsOf): AuditChecklist => {
      const credential = ctx.requireCredential(credentialId, 'credentialId');
      const date = asOf ?? ctx.today();
      const snapshot = ctx.standing.snapshot(credential.personId, date);
      const stored = snapshot.verdicts.find((v) => v.credential.id === credential.id);
      const ruleSet = ctx.rules().get(credential.ruleSet);
      if (!stored || !ruleSet) throw new ServiceError('internal', `Rule set ${credential.ruleSet} is not installed.`);
      return auditChecklist({
        credentialId,
        ruleSet,
        asOf: date,
        verdict: stored.verdict,
        documentsSent: credential.documentsSent,
        courses: new Map(snapshot.courses.map((a) => [a.id, a])),
        cards: new Map(snapshot.cards.map((k) => [k.id, k])),
        certificates: (owner) => snapshot.certificates.get(owner) ?? 0,
      });
    },
  };
}
