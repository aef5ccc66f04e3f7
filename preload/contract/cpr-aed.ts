import { z } from 'zod';
import { booleanSchema, calendarDateSchema, idSchema, requiredText } from '../../main/core/domain/fields';
import type { CprAedCard } from '../../main/core/domain/records';
import { method, returns } from './method';
import { byId, byPerson } from './people';

const cprAedFields = {
  provider: requiredText(),
  completed: calendarDateSchema,
  expires: calendarDateSchema,
  adultCpr: booleanSchema,
  aed: booleanSchema,
  handsOn: booleanSchema,
};

function cardDatesInOrder(value: { completed: string; expires: string }, ctx: z.RefinementCtx) {
  if (value.expires < value.completed) {
    ctx.addIssue({ code: 'custom', path: ['expires'], message: 'must not be before the completion date' });
  }
}

const cprAedCardInput = z.strictObject({ personId: idSchema, ...cprAedFields }).superRefine(cardDatesInOrder);

export const cprAedContract = {
  listCprAedCards: method(byPerson, returns<CprAedCard[]>()),
  getCprAedCard: method(byId, returns<CprAedCard>()),
  createCprAedCard: method(cprAedCardInput, returns<CprAedCard>()),
  updateCprAedCard: method(z.strictObject({ id: idSchema, ...cprAedFields }).superRefine(cardDatesInOrder), returns<CprAedCard>()),
  deleteCprAedCard: method(byId, returns<{ deleted: true }>()),
} as const;
