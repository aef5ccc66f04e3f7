import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputOf, MethodName } from '../../preload/contract';
import { addDays } from '../../main/core/dates';
import { effectiveRuleSets, evaluateEveryone } from '../../main/core/evaluation';
import { everyoneReadModel } from '../../main/core/standing';
import { freshContext } from '../helpers/context';
import { valueNow } from '../helpers/results';
import { tinyPdf } from '../helpers/seed';

// Everyone's evaluation (the Team screen, reports, the calendar) is kept after the first read and,
// after this process's writes, brought up to date by evaluating only the people whose records the
// store noted as changed. Each step here is a write of the kind the screens make (through the
// service, as they do), a write by another process (a second connection), or a question for another
// day; after each, the kept answer must be the plain evaluation of everyone, read afresh.

const ruleSetIds = ['nasm-cpt', 'ace-cpt', 'nsca-cscs', 'acsm-cpt'] as const;
const expiries = ['2026-06-30', '2026-12-31', '2027-03-31', '2028-01-15'] as const;
const AS_OF = '2026-11-20';

const pick = fc.nat({ max: 1000 });
const step = fc.oneof(
  fc.record({
    kind: fc.constant('add-course' as const),
    who: pick,
    day: fc.integer({ min: -900, max: 30 }),
    ceus: fc.constantFrom(0.1, 0.5, 1.9),
    links: fc.constantFrom('all', 'first', 'none'),
    petition: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('edit-course' as const),
    which: pick,
    day: fc.integer({ min: -900, max: 30 }),
    ceus: fc.constantFrom(0.2, 1.0, 2.0),
  }),
  fc.record({ kind: fc.constant('delete-course' as const), which: pick }),
  fc.record({ kind: fc.constant('attach' as const), which: pick }),
  fc.record({
    kind: fc.constant('add-credential' as const),
    who: pick,
    ruleSet: fc.constantFrom(...ruleSetIds),
    expires: fc.constantFrom(...expiries),
  }),
  fc.record({ kind: fc.constant('edit-credential' as const), which: pick, expires: fc.constantFrom(...expiries) }),
  fc.record({ kind: fc.constant('delete-credential' as const), which: pick }),
  fc.record({
    kind: fc.constant('add-card' as const),
    who: pick,
    expires: fc.constantFrom('2026-11-19', '2026-11-20', '2027-05-01'),
    handsOn: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('delete-card' as const), which: pick }),
  fc.record({ kind: fc.constant('active' as const), who: pick, active: fc.boolean() }),
  fc.record({ kind: fc.constant('add-person' as const) }),
  fc.record({ kind: fc.constant('delete-person' as const), who: pick }),
  fc.record({ kind: fc.constant('waiver' as const), on: fc.boolean() }),
  fc.record({ kind: fc.constant('other-process' as const), which: pick }),
  fc.record({ kind: fc.constant('next-day' as const) }),
);

describe("everyone's evaluation, kept and brought up to date", () => {
  it('equals the plain evaluation of everyone after every write, whoever made it', () => {
    let bulkReads = 0;
    let reads = 0;
    let modelBulkReads = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 14 }), (steps) => {
        const context = freshContext();
        const other = new Database(join(context.dataDir, 'recert.sqlite3'));
        try {
          const { store } = context;
          const rules = () => effectiveRuleSets(context.ruleSets, store);
          const model = everyoneReadModel({ store, rules, writing: () => false });
          const bulk = store.evaluation.courseFactsByCredential.bind(store.evaluation);
          store.evaluation.courseFactsByCredential = () => {
            bulkReads += 1;
            return bulk();
          };
          const call = <M extends MethodName>(method: M, input: InputOf<M>) => {
            const result = context.dispatch(method, input);
            if (result instanceof Promise) throw new Error(`${method} is asynchronous`);
            return valueNow<{ id: string }>(result);
          };
          const ids = (sql: string) => store.db.prepare<[], string>(sql).pluck().all();
          const nth = <T>(list: T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
          for (const name of ['Ana Ruiz', 'Ben Okafor', 'Chen Wei']) {
            const person = call('createPerson', { name, email: null, employeeId: null });
            const credential = call('createCredential', {
              personId: person.id,
              ruleSet: 'nasm-cpt',
              number: null,
              expires: '2027-03-31',
              cycleStart: null,
              certified: null,
            });
            call('createCourse', {
              personId: person.id,
              title: 'Program design',
              provider: 'NASM',
              approval: 'nasm',
              approvalCode: null,
              completed: '2026-02-01',
              ceus: 1.0,
              contactHours: null,
              petition: null,
              category: null,
              credentialIds: [credential.id],
            });
          }
          // An online-only card, which the rule-set override's waiver decides on.
          call('createCprAedCard', {
            personId: ids('SELECT id FROM people ORDER BY rowid')[1] ?? '',
            provider: 'Online CPR',
            completed: '2026-03-01',
            expires: '2027-03-01',
            adultCpr: true,
            aed: true,
            handsOn: false,
          });
          let asOf = AS_OF;
          const check = () => {
            reads += 1;
            const before = bulkReads;
            const kept = model.verdicts(asOf);
            modelBulkReads += bulkReads - before;
            expect(kept).toEqual(evaluateEveryone(store, rules(), asOf));
          };
          check();
          for (const s of steps) {
            const people = ids('SELECT id FROM people ORDER BY rowid');
            const courses = ids('SELECT id FROM activities ORDER BY rowid');
            const credentials = ids('SELECT id FROM credentials ORDER BY rowid');
            const cards = ids('SELECT id FROM cpr_aed_cards ORDER BY rowid');
            switch (s.kind) {
              case 'add-course': {
                const personId = nth(people, s.who);
                if (!personId) break;
                const theirs = ids(`SELECT id FROM credentials WHERE person_id = '${personId}' ORDER BY rowid`);
                const credentialIds = s.links === 'all' ? theirs : s.links === 'first' ? theirs.slice(0, 1) : [];
                call('createCourse', {
                  personId,
                  title: `Course ${courses.length}`,
                  provider: 'Provider',
                  approval: s.petition ? 'petition' : 'approved-provider',
                  approvalCode: null,
                  completed: addDays(AS_OF, s.day),
                  ceus: s.ceus,
                  contactHours: null,
                  petition: s.petition ? { status: 'pending', filed: addDays(AS_OF, s.day), decided: null } : null,
                  category: null,
                  credentialIds,
                });
                break;
              }
              case 'edit-course': {
                const id = nth(courses, s.which);
                if (!id) break;
                const course = store.courses.get(id);
                if (!course) break;
                call('updateCourse', {
                  id,
                  title: course.title,
                  provider: course.provider,
                  approval: 'approved-provider',
                  approvalCode: null,
                  completed: addDays(AS_OF, s.day),
                  ceus: s.ceus,
                  contactHours: null,
                  petition: null,
                  category: null,
                  credentialIds: course.credentialIds,
                });
                break;
              }
              case 'delete-course': {
                const id = nth(courses, s.which);
                if (id) call('deleteCourse', { id });
                break;
              }
              case 'attach': {
                const id = nth(courses, s.which);
                if (id)
                  call('addAttachment', {
                    owner: { kind: 'course', id },
                    fileName: 'certificate.pdf',
                    contentBase64: tinyPdf.toString('base64'),
                  });
                break;
              }
              case 'add-credential': {
                const personId = nth(people, s.who);
                if (
                  personId &&
                  ids(`SELECT id FROM credentials WHERE person_id = '${personId}' AND rule_set = '${s.ruleSet}'`).length === 0
                )
                  call('createCredential', {
                    personId,
                    ruleSet: s.ruleSet,
                    number: null,
                    expires: s.expires,
                    cycleStart: null,
                    certified: null,
                  });
                break;
              }
              case 'edit-credential': {
                const id = nth(credentials, s.which);
                const credential = id ? store.credentials.get(id) : undefined;
                if (credential)
                  call('updateCredential', {
                    id: credential.id,
                    ruleSet: credential.ruleSet,
                    number: credential.number,
                    expires: s.expires,
                    cycleStart: null,
                    certified: null,
                  });
                break;
              }
              case 'delete-credential': {
                const id = nth(credentials, s.which);
                if (id) call('deleteCredential', { id });
                break;
              }
              case 'add-card': {
                const personId = nth(people, s.who);
                if (personId)
                  call('createCprAedCard', {
                    personId,
                    provider: 'American Red Cross',
                    completed: '2026-03-01',
                    expires: s.expires,
                    adultCpr: true,
                    aed: true,
                    handsOn: s.handsOn,
                  });
                break;
              }
              case 'delete-card': {
                const id = nth(cards, s.which);
                if (id) call('deleteCprAedCard', { id });
                break;
              }
              case 'active': {
                const id = nth(people, s.who);
                const person = id ? store.people.get(id) : undefined;
                if (person)
                  call('updatePerson', {
                    id: person.id,
                    name: person.name,
                    email: person.email,
                    employeeId: person.employeeId,
                    active: s.active,
                  });
                break;
              }
              case 'add-person': {
                const person = call('createPerson', { name: `New ${people.length}`, email: null, employeeId: null });
                call('createCredential', {
                  personId: person.id,
                  ruleSet: 'ace-cpt',
                  number: null,
                  expires: '2026-12-31',
                  cycleStart: null,
                  certified: null,
                });
                break;
              }
              case 'delete-person': {
                const id = nth(people, s.who);
                if (id) call('deletePerson', { id });
                break;
              }
              case 'waiver':
                call('updateRuleSetOverride', {
                  ruleSet: 'nasm-cpt',
                  cprAedWaiver: s.on ? { from: '2020-03-01', until: '2025-12-31' } : null,
                });
                break;
              case 'other-process': {
                const id = nth(courses, s.which);
                if (id) other.prepare('UPDATE activities SET ceu_thousandths = 1900, contact_hour_hundredths = NULL WHERE id = ?').run(id);
                break;
              }
              case 'next-day':
                asOf = addDays(asOf, 1);
                break;
            }
            check();
          }
        } finally {
          other.close();
          context.dispose();
        }
      }),
      { numRuns: 40 },
    );
    // Most reads came from the kept evaluation: a model that evaluates everyone each time proves nothing here.
    expect(modelBulkReads).toBeLessThan(reads / 2);
  }, 120_000);
});
