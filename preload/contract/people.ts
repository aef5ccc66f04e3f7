import { z } from 'zod';
import { booleanSchema, emailSchema, idSchema, optionalText, requiredText } from '../../main/core/domain/fields';
import type { Person } from '../../main/core/domain/records';
import { method, returns } from './method';

export const byId = z.strictObject({ id: idSchema });
export const byPerson = z.strictObject({ personId: idSchema });

const personFields = {
  name: requiredText(),
  email: emailSchema,
  employeeId: optionalText(64),
};

const personInput = z.strictObject(personFields);

export const peopleContract = {
  listPeople: method(z.strictObject({ includeInactive: booleanSchema.optional() }), returns<Person[]>()),
  getPerson: method(byId, returns<Person>()),
  createPerson: method(personInput, returns<Person>()),
  updatePerson: method(z.strictObject({ id: idSchema, ...personFields, active: booleanSchema }), returns<Person>()),
  deletePerson: method(byId, returns<{ deleted: true }>()),
} as const;
