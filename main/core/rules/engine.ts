// The rules engine: pure functions from records to a verdict. No I/O, no clock (the as-of date is
// an argument), no electron. Every part of the verdict names the rule that produced it.
import { addDays, type CalendarDate } from '../dates';
import { courseTotals, tallyCourses } from './courses';
import { cprAedVerdict } from './cpr-aed';
import { resolveCycle } from './cycle';
import { applyOffset } from './offsets';
import type { RuleId, RuleSet } from './ruleset-schema';
import type { EvaluationInput, FeeTier, Status, Verdict } from '../domain/verdict';
import { decimal, thousandths } from './units';
import { warningKind } from '../domain/verdict';
import { applicationWindows, finalApplicationDate, windowOn } from './windows';
import { CeuFigures, CprAedChoice, CredentialVerdict, CycleDates, Deadlines, Explanation } from './verdict-objects';

/**
 * The dates between which a course's verdict can depend on more than its date. A course completed
 * before `from` is before the cycle, after `to` is not yet completed or past the course deadline
 * (R4): those reasons come first and never touch the repeated-course check (R13), so a caller may
 * evaluate only the courses inside and pass the petitions outside as `unlistedPetitions`. The verdict
 * is then the same except that `courses` lists only the courses given. A busy trainer's dashboard
 * reads a cycle's courses this way instead of ten years of them.
 */
export function countingWindow(
  ruleSet: RuleSet,
  input: Pick<EvaluationInput, 'asOf' | 'credential'>,
): { from: CalendarDate; to: CalendarDate } {
  const cycle = resolveCycle(ruleSet, input.credential);
  const reference = cycle.applicationSubmitted ?? input.asOf;
  const coursesBy = applyOffset(cycle.end, ruleSet.courseDeadline.value);
  return { from: cycle.start, to: reference < coursesBy ? reference : coursesBy };
}

export function evaluateCredential(ruleSet: RuleSet, input: EvaluationInput): Verdict {
  const { asOf, credential } = input;
  const cycle = resolveCycle(ruleSet, credential);
  const expiration = cycle.end;
  const application = cycle.applicationSubmitted;
  // R6: the reference date is the application date when one is recorded, otherwise the as-of date.
  const reference = application ?? asOf;

  const tally = tallyCourses(ruleSet, input.courses, cycle, reference);
  const totals = courseTotals(ruleSet, tally.byCategory, cycle.categoryMax);
  const cpr = cprAedVerdict(ruleSet, input.cards, reference);

  const cprAedRequired = thousandths(ruleSet.cprAed.credit.value);
  const cprAedEarned = cpr.ok ? cprAedRequired : 0;
  const coursesRequired = cycle.coursesRequired;
  const ownRequired = ruleSet.requirement.ownCourses ? thousandths(ruleSet.requirement.ownCourses.value) : 0;

  const windows = applicationWindows(ruleSet, expiration);
  const finalApplication = finalApplicationDate(windows, expiration);
  const lapsesOn = addDays(finalApplication, 1);

  // Blockers, in a fixed order: timing first, then what is missing.
  const blockers: string[] = [];
  const blockerRules: Record<string, RuleId> = {};
  const block = (code: string, rule: RuleId) => {
    blockers.push(code);
    blockerRules[code] = rule;
  };
  if (!application && asOf >= lapsesOn) block('lapsed', 'R8');
  if (application && application >= lapsesOn) block('application-too-late', 'R8');
  if (totals.courses < coursesRequired) block('courses-short', 'R2');
  for (const category of totals.short) block(`category-short:${category}`, 'R12');
  const minCategories = ruleSet.requirement.minCategories?.value ?? 0;
  if (minCategories > 0 && coursesRequired > 0) {
    // R12: a course whose category is not recorded could be over its category's maximum, so it
    // cannot be counted as meeting the requirement until the category is set.
    if (totals.uncategorised > 0) block('category-not-recorded', 'R12');
    if (totals.used.length < minCategories)
      block(totals.used.length ? `categories-too-few:${totals.used.join(',')}` : 'categories-too-few', 'R12');
  }
  if (tally.ownCourses < ownRequired) block('own-courses-short', 'R14');
  if (ruleSet.cprAed.required.value && !cpr.ok) block('cpr-aed', cpr.rule);

  // The per-course warnings are the ids they name (`uncertified`, `pendingPetitions`): a gym has
  // 75,000 course–credential pairs, and an entry object and a code string for each were a large
  // part of the engine's time (see `CourseVerdicts`).
  const { uncertified, pendingPetitions } = tally;
  const petitioned = tally.petitioned + (input.unlistedPetitions ?? 0);

  const warnings: string[] = [];
  const warningRules: Record<string, RuleId> = {};
  const warn = (code: string, rule: RuleId) => {
    warnings.push(code);
    warningRules[warningKind(code)] = rule;
  };
  for (const w of cycle.warnings) warn(w.code, w.rule);
  if (uncertified.length > 0) warningRules['no-certificate'] = 'R10';
  if (cpr.ok && cpr.card && !cpr.card.hasCertificate) warn(`no-certificate:${cpr.card.id}`, 'R10');
  if (cpr.ok && cpr.card && cpr.card.expires < expiration && !application) warn('cpr-aed-expires-before-expiration', 'R6');
  if (cpr.reason === 'online-only-waiver') warn('online-only-waiver', 'R7');
  if (cpr.waiverEndUnknown) warn('waiver-end-unknown', 'R7');
  if (pendingPetitions.length > 0) warningRules['petition-pending'] = 'R5';
  for (const category of totals.capped) warn(`category-cap:${category}`, 'R12');
  if (credential.auditNoticeReceived && !credential.documentsSent) warn('audit-open', 'R10');

  const requirementsMet = !blockers.some((code) => code !== 'lapsed' && code !== 'application-too-late');
  const canSubmit = !application && blockers.length === 0;

  let status: Status;
  let statusRule: RuleId = 'R9';
  if (application) {
    status = 'submitted';
    statusRule = 'R8';
  } else if (asOf <= expiration) {
    status = requirementsMet ? 'ready' : 'in-progress';
    statusRule = requirementsMet ? 'R2' : 'R9';
  } else {
    const window = windowOn(asOf, expiration, windows);
    status = window ? window.status : 'lapsed';
    statusRule = window ? 'R8' : 'R9';
  }

  let feeTier: FeeTier | null = null;
  if (application) feeTier = windowOn(application, expiration, windows)?.feeTier ?? null;
  else if (canSubmit) feeTier = windowOn(asOf, expiration, windows)?.feeTier ?? null;

  // R5: a fee whose amount the body does not publish is not $0 (ACE): the total is then unknown.
  const petitionFee = ruleSet.petition.fee.value;
  const feeUnknown = petitionFee === null && ruleSet.petition.feeCharged?.value === true;
  const petitionFees = petitionFee !== null ? petitionFee * petitioned : feeUnknown && petitioned > 0 ? null : 0;
  const auditDays = ruleSet.audit.responseDays.value;

  const ceus = new CeuFigures({
    required: decimal(coursesRequired + cprAedRequired),
    coursesRequired: decimal(coursesRequired),
    cprAedRequired: decimal(cprAedRequired),
    courses: decimal(totals.courses),
    cprAed: decimal(cprAedEarned),
    total: decimal(totals.courses + cprAedEarned),
    pending: decimal(tally.pending),
    remaining: decimal(Math.max(0, coursesRequired - totals.courses) + Math.max(0, cprAedRequired - cprAedEarned)),
  });
  const deadlines = new Deadlines({
    expiration,
    coursesBy: applyOffset(expiration, ruleSet.courseDeadline.value),
    lateFeeFrom: windows.find((w) => w.feeTier === 'late')?.from ?? null,
    additionalFeeFrom: windows.find((w) => w.feeTier === 'late-additional')?.from ?? null,
    finalApplication,
    auditDue: credential.auditNoticeReceived && auditDays !== null ? addDays(credential.auditNoticeReceived, auditDays) : null,
  });
  const explain = new Explanation({ cycle: cycle.rule, status: statusRule, feeTier: 'R8', blockers: blockerRules, warnings: warningRules });
  return new CredentialVerdict({
    credential: credential.id,
    ruleSet: ruleSet.id,
    cycle: new CycleDates({ start: cycle.start, end: expiration }),
    status,
    canSubmit,
    feeTier,
    ceus,
    courses: tally.verdicts,
    cprAed: new CprAedChoice({ id: cpr.card?.id ?? null, ok: cpr.ok, reason: cpr.reason, rule: cpr.rule }),
    deadlines,
    petitionFees,
    blockers,
    warnings,
    uncertified,
    pendingPetitions,
    explain,
  });
}
