import type { CourseInput, CourseUpdate, ById, CourseLogInput } from '../domain/inputs';
import type { Course } from '../domain/records';
import type { CourseLogPage, PetitionFeeNotice } from '../domain/views';
import { notFound } from '../errors';
import { newId } from '../ids';
import { bodyShortName } from '../rules/amounts';
import type { RuleSet } from '../rules/ruleset-schema';
import type { ServiceContext } from './context';
import { writes } from './writes';

export function coursesService(ctx: ServiceContext) {
  const { store } = ctx;

  /** Credentials a course counts toward must be the same person's; duplicates collapse. */
  function checkedCredentialIds(personId: string, ids: readonly string[]): string[] {
    const unique = [...new Set(ids)];
    for (const id of unique) {
      const credential = store.credentials.get(id);
      if (!credential || credential.personId !== personId) {
        throw notFound(`credentialIds[${ids.indexOf(id)}]`, 'credential of this person', id);
      }
    }
    return unique;
  }
  function requireOwnCredential(personId: string, credentialId: string): void {
    const credential = ctx.requireCredential(credentialId, 'credentialId');
    if (credential.personId !== personId) throw notFound('credentialId', 'credential of this person', credentialId);
  }

  return {
    queryCourseLog: ({ asOf, ...query }: CourseLogInput): CourseLogPage => {
      ctx.requirePerson(query.personId, 'personId');
      if (query.credentialId !== undefined) requireOwnCredential(query.personId, query.credentialId);
      return ctx.standing.courseLog({ ...query, asOf: asOf ?? ctx.today() });
    },
    listCourses: ({ personId, credentialId }: { personId: string; credentialId?: string | undefined }): Course[] => {
      ctx.requirePerson(personId, 'personId');
      if (credentialId === undefined) return store.courses.listByPerson(personId);
      requireOwnCredential(personId, credentialId);
      return store.courses.listByCredential(credentialId);
    },
    getCourse: ({ id }: ById): Course => ctx.requireCourse(id),
    createCourse: writes((input: CourseInput): Course => {
      ctx.requirePerson(input.personId, 'personId');
      const course: Course = { id: newId('a'), ...input, credentialIds: checkedCredentialIds(input.personId, input.credentialIds) };
      ctx.write(() => store.courses.insert(course));
      return course;
    }),
    updateCourse: writes((input: CourseUpdate): Course => {
      const existing = ctx.requireCourse(input.id);
      const course: Course = {
        ...input,
        personId: existing.personId,
        credentialIds: checkedCredentialIds(existing.personId, input.credentialIds),
      };
      ctx.write(() => store.courses.update(course));
      return course;
    }),
    deleteCourse: writes(({ id }: ById): { deleted: true } => {
      ctx.requireCourse(id);
      const hashes = store.attachments.listByCourse(id).map((a) => a.sha256);
      ctx.write(() => store.courses.delete(id));
      ctx.releaseFiles(hashes);
      return { deleted: true };
    }),
    /** The fee of the first chosen credential whose body charges one: what a petition would cost. */
    describePetitionFee: ({ personId, credentialIds }: { personId: string; credentialIds: string[] }): PetitionFeeNotice => {
      ctx.requirePerson(personId, 'personId');
      const rules = ctx.rules();
      const fees = checkedCredentialIds(personId, credentialIds).flatMap((id): { fee: number | null; ruleSet: RuleSet }[] => {
        const credential = store.credentials.get(id);
        const ruleSet = credential ? rules.get(credential.ruleSet) : undefined;
        if (!ruleSet) return [];
        if (ruleSet.petition.fee.value !== null) return [{ fee: ruleSet.petition.fee.value, ruleSet }];
        return ruleSet.petition.feeCharged?.value ? [{ fee: null, ruleSet }] : [];
      });
      const first = fees.find((f) => f.fee !== null) ?? fees[0];
      if (!first) return { fee: null, text: null };
      if (first.fee === null) {
        // R5 (ACE): a fee exists but no amount is published: say so, never "$0".
        const body = bodyShortName(first.ruleSet.body);
        return {
          fee: null,
          text: `${first.ruleSet.credential} petitions carry a non-refundable processing fee set by ${body}; ${body} does not publish the amount.`,
        };
      }
      return {
        fee: first.fee,
        text: `${first.ruleSet.credential} charges a $${first.fee} nonrefundable fee for each petitioned course, whatever the outcome.`,
      };
    },
  };
}
