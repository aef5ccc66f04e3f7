import type { ById, PersonInput, PersonUpdate } from '../domain/inputs';
import type { Person } from '../domain/records';
import { newId } from '../ids';
import type { ServiceContext } from './context';
import { writes } from './writes';

export function peopleService(ctx: ServiceContext) {
  const { store } = ctx;
  /** Certificate files of a person's courses and cards: released once the person is deleted. */
  function certificateHashesOf(personId: string): string[] {
    const cards = store.cprAedCards.listByPerson(personId).flatMap((c) => store.attachments.listByCard(c.id));
    const courses = store.courses.listByPerson(personId).flatMap((a) => store.attachments.listByCourse(a.id));
    return [...cards, ...courses].map((a) => a.sha256);
  }

  return {
    listPeople: ({ includeInactive }: { includeInactive?: boolean | undefined }): Person[] => store.people.list(includeInactive ?? false),
    getPerson: ({ id }: ById): Person => ctx.requirePerson(id),
    createPerson: writes((input: PersonInput): Person => {
      const person: Person = { id: newId('p'), ...input, active: true };
      ctx.write(() => store.people.insert(person));
      return person;
    }),
    updatePerson: writes((input: PersonUpdate): Person => {
      ctx.requirePerson(input.id);
      ctx.write(() => store.people.update(input));
      return ctx.requirePerson(input.id);
    }),
    deletePerson: writes(({ id }: ById): { deleted: true } => {
      ctx.requirePerson(id);
      const hashes = certificateHashesOf(id);
      ctx.write(() => store.people.delete(id));
      ctx.releaseFiles(hashes);
      return { deleted: true };
    }),
  };
}
