import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { standingReads } from '../../../main/core/store/evaluation-reads';
import { freshContext } from '../../helpers/context';
import { valueNow as value } from '../../helpers/results';

// The evaluation reads give courses in record order (the order they were added): the order in which
// R13 meets the same course twice, and the order of a finding's courses. SQLite is asked for it in a
// subquery that sorts nothing, so these tests hold it where dates and titles sort the other way.

let context: ReturnType<typeof freshContext>;
let personId = '';
let credentialId = '';
let secondCredentialId = '';
/** Course ids in the order they were added. */
let added: string[] = [];

beforeEach(() => {
  context = freshContext();
  personId = value<{ id: string }>(context.dispatch('createPerson', { name: 'Rae Chen' })).id;
  credentialId = value<{ id: string }>(context.dispatch('createCredential', { personId, ruleSet: 'ace-cpt', expires: '2027-06-30' })).id;
  secondCredentialId = value<{ id: string }>(
    context.dispatch('createCredential', { personId, ruleSet: 'nasm-cpt', expires: '2027-03-31' }),
  ).id;
  added = ['Zumba', 'Mobility', 'Anatomy', 'Yoga', 'Barbell'].map((title, i) => {
    const course = value<{ id: string }>(
      context.dispatch('createCourse', {
        personId,
        title,
        provider: 'ACE',
        approval: 'approved-provider',
        completed: `2026-0${6 - i}-1${i}`,
        ceus: 0.1,
        // The third course counts toward the first credential only: the links must then be read.
        credentialIds: i === 2 ? [credentialId] : [credentialId, secondCredentialId],
      }),
    );
    return course.id;
  });
});
afterEach(() => context.dispose());

describe('the evaluation reads', () => {
  it("give one person's courses of a window in the order they were added, with titles or without, linked or not", () => {
    const evaluation = standingReads(context.store.db);
    for (const withTitles of [true, false]) {
      const linked = evaluation.personCourseFactsBetween(personId, '2026-01-01', '2026-12-31', { withTitles });
      expect(linked.get(credentialId)?.map((f) => f.id)).toEqual(added);
      expect(linked.get(secondCredentialId)?.map((f) => f.id)).toEqual(added.filter((_, i) => i !== 2));
    }
  });

  it("give everyone's courses in the order they were added", () => {
    const byCredential = context.store.evaluation.courseFactsByCredential();
    expect(byCredential.get(credentialId)?.map((f) => f.id)).toEqual(added);
    expect(byCredential.get(secondCredentialId)?.map((f) => f.id)).toEqual(added.filter((_, i) => i !== 2));
  });
});
