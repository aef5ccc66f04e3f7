import { z } from 'zod';
import { booleanSchema, calendarDateSchema, idSchema, optionalDate, requiredText } from '../../main/core/domain/fields';
import type { CredentialEvaluation, RuleSetDetails, RuleSetSummary } from '../../main/core/domain/views';
import { method, returns } from './method';

const asOf = calendarDateSchema.optional();

export const evaluationContract = {
  listRuleSets: method(z.strictObject({}), returns<RuleSetSummary[]>()),
  getRuleSet: method(z.strictObject({ id: requiredText(64) }), returns<RuleSetDetails>()),
  updateRuleSetOverride: method(
    z.strictObject({
      ruleSet: requiredText(64),
      cprAedWaiver: z
        .strictObject({ from: calendarDateSchema, until: optionalDate })
        .refine((w) => w.until === null || w.until >= w.from, { message: 'must not be before the start', path: ['until'] })
        .nullable(),
    }),
    returns<RuleSetDetails>(),
  ),
  evaluateCredential: method(z.strictObject({ credentialId: idSchema, asOf }), returns<CredentialEvaluation>()),
  /** Every credential of one person, in the order they were added: what the dashboard shows. */
  evaluatePerson: method(z.strictObject({ personId: idSchema, asOf }), returns<CredentialEvaluation[]>()),
  evaluateEveryone: method(z.strictObject({ asOf, includeInactive: booleanSchema.optional() }), returns<CredentialEvaluation[]>()),
} as const;
