import type { ById, ByPerson, CprAedCardInput, CprAedCardUpdate } from '../domain/inputs';
import type { CprAedCard } from '../domain/records';
import { newId } from '../ids';
import type { ServiceContext } from './context';
import { writes } from './writes';

export function cprAedService(ctx: ServiceContext) {
  const { store } = ctx;
  return {
    listCprAedCards: ({ personId }: ByPerson): CprAedCard[] => {
      ctx.requirePerson(personId, 'personId');
      return store.cprAedCards.listByPerson(personId);
    },
    getCprAedCard: ({ id }: ById): CprAedCard => ctx.requireCard(id),
    createCprAedCard: writes((input: CprAedCardInput): CprAedCard => {
      ctx.requirePerson(input.personId, 'personId');
      const card: CprAedCard = { id: newId('k'), ...input };
      ctx.write(() => store.cprAedCards.insert(card));
      return card;
    }),
    updateCprAedCard: writes((input: CprAedCardUpdate): CprAedCard => {
      const existing = ctx.requireCard(input.id);
      const card: CprAedCard = { ...input, personId: existing.personId };
      ctx.write(() => store.cprAedCards.update(card));
      return card;
    }),
    deleteCprAedCard: writes(({ id }: ById): { deleted: true } => {
      ctx.requireCard(id);
      const hashes = store.attachments.listByCard(id).map((a) => a.sha256);
      ctx.write(() => store.cprAedCards.delete(id));
      ctx.releaseFiles(hashes);
      return { deleted: true };
    }),
  };
}
