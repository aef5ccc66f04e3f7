import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshContext } from '../../helpers/context';
import { seed, type Seeded } from '../../helpers/seed';

// The store notes whose records this connection changed (TEMP triggers), so that everyone's
// evaluation can evaluate again only those people. What it cannot tie to a person must say
// "everyone"; what a rolled-back write noted must go with it.
let context: ReturnType<typeof freshContext>;
let seeded: Seeded;
beforeEach(() => {
  context = freshContext();
  seeded = seed(context);
  context.store.touched.follow();
});
afterEach(() => context.dispose());

describe('touched people', () => {
  it('notes the person of a course, a link, a card and a certificate, each once, and forgets them when read', () => {
    const { db, touched } = context.store;
    db.prepare('UPDATE activities SET title = ? WHERE id = ?').run('Renamed', seeded.courseId);
    db.prepare('DELETE FROM activity_credentials WHERE activity_id = ?').run(seeded.courseId);
    db.prepare('UPDATE cpr_aed_cards SET provider = ? WHERE id = ?').run('AHA', seeded.cardId);
    db.prepare('DELETE FROM attachments WHERE id = ?').run(seeded.attachmentId);
    expect(touched.take()).toEqual({ everyone: false, people: [seeded.personId] });
    expect(touched.take()).toEqual({ everyone: false, people: [] });
  });

  it('takes an upsert that fires its triggers twice (a statement conflict clause overrides a trigger one)', () => {
    const { db, touched } = context.store;
    db.prepare("INSERT OR REPLACE INTO people (id, name, email, employee_id, active) VALUES (?, 'Dana R.', NULL, NULL, 1)").run(
      seeded.personId,
    );
    expect(touched.take().people).toEqual([seeded.personId]);
  });

  it('says everyone for a write it cannot tie to one person (the rule-set overrides), and nothing for settings', () => {
    const { db, touched } = context.store;
    db.prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')").run();
    expect(touched.take()).toEqual({ everyone: false, people: [] });
    context.store.ruleSetOverrides.set('nasm-cpt', { cprAedWaiver: { from: '2020-03-01', until: '2025-12-31' } });
    expect(touched.take()).toEqual({ everyone: true, people: [] });
  });

  it('keeps no note of a write that was rolled back', () => {
    const { db, touched } = context.store;
    expect(() =>
      context.store.transaction(() => {
        db.prepare('UPDATE activities SET title = ? WHERE id = ?').run('Renamed', seeded.courseId);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(touched.take().people).toEqual([]);
  });
});
