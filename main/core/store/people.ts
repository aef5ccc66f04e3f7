import type { Person } from '../domain/records';
import type { Db } from './open';

interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  employee_id: string | null;
  active: number;
}

function toPerson(row: PersonRow): Person {
  return { id: row.id, name: row.name, email: row.email, employeeId: row.employee_id, active: row.active === 1 };
}

export function peopleRepository(db: Db) {
  const listActive = db.prepare<[], PersonRow>('SELECT * FROM people WHERE active = 1 ORDER BY name COLLATE NOCASE, id');
  const listAll = db.prepare<[], PersonRow>('SELECT * FROM people ORDER BY name COLLATE NOCASE, id');
  const inStoreOrder = db.prepare<[], PersonRow>('SELECT * FROM people ORDER BY rowid');
  const byId = db.prepare<[string], PersonRow>('SELECT * FROM people WHERE id = ?');
  const insert = db.prepare('INSERT INTO people (id, name, email, employee_id, active) VALUES (@id, @name, @email, @employeeId, @active)');
  const update = db.prepare('UPDATE people SET name = @name, email = @email, employee_id = @employeeId, active = @active WHERE id = @id');
  const remove = db.prepare<[string]>('DELETE FROM people WHERE id = ?');
  const any = db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM people)').pluck();

  return {
    list(includeInactive = false): Person[] {
      return (includeInactive ? listAll : listActive).all().map(toPerson);
    },
    /** Insertion order: the order of the records file. */
    listInStoreOrder(): Person[] {
      return inStoreOrder.all().map(toPerson);
    },
    /** True for a new data folder (every other record belongs to a person). */
    isEmpty(): boolean {
      return any.get() === 0;
    },
    get(id: string): Person | undefined {
      const row = byId.get(id);
      return row ? toPerson(row) : undefined;
    },
    insert(person: Person): void {
      insert.run({ ...person, active: person.active ? 1 : 0 });
    },
    update(person: Person): void {
      update.run({ ...person, active: person.active ? 1 : 0 });
    },
    delete(id: string): boolean {
      return remove.run(id).changes > 0;
    },
  };
}
