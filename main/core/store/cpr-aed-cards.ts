import type { CprAedCard } from '../domain/records';
import type { Db } from './open';

interface CardRow {
  id: string;
  person_id: string;
  provider: string;
  completed: string;
  expires: string;
  adult_cpr: number;
  aed: number;
  hands_on: number;
}

function toCard(row: CardRow): CprAedCard {
  return {
    id: row.id,
    personId: row.person_id,
    provider: row.provider,
    completed: row.completed,
    expires: row.expires,
    adultCpr: row.adult_cpr === 1,
    aed: row.aed === 1,
    handsOn: row.hands_on === 1,
  };
}

function toParams(card: CprAedCard) {
  return { ...card, adultCpr: card.adultCpr ? 1 : 0, aed: card.aed ? 1 : 0, handsOn: card.handsOn ? 1 : 0 };
}

export function cprAedCardsRepository(db: Db) {
  const byPerson = db.prepare<[string], CardRow>('SELECT * FROM cpr_aed_cards WHERE person_id = ? ORDER BY rowid');
  const all = db.prepare<[], CardRow>('SELECT * FROM cpr_aed_cards ORDER BY rowid');
  const byId = db.prepare<[string], CardRow>('SELECT * FROM cpr_aed_cards WHERE id = ?');
  const insert = db.prepare(`INSERT INTO cpr_aed_cards (id, person_id, provider, completed, expires, adult_cpr, aed, hands_on)
    VALUES (@id, @personId, @provider, @completed, @expires, @adultCpr, @aed, @handsOn)`);
  const update = db.prepare(`UPDATE cpr_aed_cards SET provider = @provider, completed = @completed, expires = @expires,
    adult_cpr = @adultCpr, aed = @aed, hands_on = @handsOn WHERE id = @id`);
  const remove = db.prepare<[string]>('DELETE FROM cpr_aed_cards WHERE id = ?');

  return {
    listByPerson(personId: string): CprAedCard[] {
      return byPerson.all(personId).map(toCard);
    },
    listAll(): CprAedCard[] {
      return all.all().map(toCard);
    },
    get(id: string): CprAedCard | undefined {
      const row = byId.get(id);
      return row ? toCard(row) : undefined;
    },
    insert(card: CprAedCard): void {
      insert.run(toParams(card));
    },
    update(card: CprAedCard): void {
      update.run(toParams(card));
    },
    delete(id: string): boolean {
      return remove.run(id).changes > 0;
    },
  };
}
