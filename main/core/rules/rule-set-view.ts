// A rule set as a person reads it: the summary the forms need, and for "Why?" and Settings every
// rule and every sourced figure in words ("Days to send documents after an audit notice: 30"),
// never a JSON path.
import { formatDate } from '../dates';
import type { RuleFigure, RuleSetDetails, RuleSetSummary } from '../domain/views';
import type { Offset, RuleSet } from './ruleset-schema';
import { count } from '../domain/plural';

export function ruleSetSummary(ruleSet: RuleSet): RuleSetSummary {
  return {
    id: ruleSet.id,
    name: ruleSet.name,
    credential: ruleSet.credential,
    body: ruleSet.body,
    unit: { singular: ruleSet.unit.singular, plural: ruleSet.unit.plural },
    petitionFee: ruleSet.petition.fee.value,
    auditResponseDays: ruleSet.audit.responseDays.value,
    categories: ruleSet.requirement.categories.map((c) => ({ id: c.id, name: c.name })),
  };
}

interface SourcedLike {
  value: unknown;
  source: string;
  verifiedOn: string;
  rule: RuleFigure['rule'];
  quote?: string | undefined;
  decision?: string | undefined;
  unverified?: boolean | undefined;
  note?: string | undefined;
}

function isSourced(value: unknown): value is SourcedLike {
  return !!value && typeof value === 'object' && 'value' in value && 'source' in value && 'verifiedOn' in value;
}

function offsetWords(offset: Offset): string {
  const parts = [
    offset.years ? count(offset.years, 'year', 'years') : '',
    offset.months ? count(offset.months, 'month', 'months') : '',
    offset.days ? count(offset.days, 'day', 'days') : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : '0 days';
}

function yesNo(value: unknown): string {
  return value === true ? 'yes' : value === false ? 'no' : String(value);
}

/** Each figure's label and how its value reads, by its place in the rule set. */
function describeFigure(key: string, value: unknown, ruleSet: RuleSet): { label: string; value: string } {
  const units = ruleSet.unit.plural;
  const category = /^requirement\.categories\.(\d+)\.(\w+)$/.exec(key);
  if (category) {
    const name = ruleSet.requirement.categories[Number(category[1])]?.name ?? 'category';
    const what = category[2] === 'min' ? 'at least' : category[2] === 'max' ? 'at most' : 'at most, per year';
    return { label: `${name} courses`, value: `${what} ${String(value)} ${units}` };
  }
  switch (key) {
    case 'unit.perContactHour':
      return { label: 'One contact hour is worth', value: `${String(value)} ${units}` };
    case 'cycle.months':
      return { label: 'Length of a cycle', value: `${String(value)} months` };
    case 'cycle.years':
      return { label: 'Length of a reporting period', value: `${String(value)} calendar years` };
    case 'cycle.published': {
      const period = value as { start: string; end: string };
      return { label: 'Published reporting period', value: `${formatDate(period.start)} – ${formatDate(period.end)}` };
    }
    case 'cycle.shifted':
      return { label: "Other periods use the published period's table, shifted", value: yesNo(value) };
    case 'cycle.endsOnLastDayOfMonth':
      return { label: 'Credentials expire on the last day of a month', value: yesNo(value) };
    case 'cycle.proration':
      return { label: 'Requirement prorated by certification date', value: 'see the rule' };
    case 'requirement.courses':
      return { label: 'Required from courses each cycle', value: `${String(value)} ${units}` };
    case 'requirement.ownCourses':
      return { label: `Required from ${ruleSet.credential}'s own courses`, value: `${String(value)} ${units}` };
    case 'requirement.minCategories':
      return { label: 'Categories the courses must come from', value: `at least ${String(value)}` };
    case 'requirement.noRepeatedCourses':
      return { label: 'The same course counts once per cycle', value: yesNo(value) };
    case 'cprAed.required':
      return { label: 'A current CPR/AED card is required', value: yesNo(value) };
    case 'cprAed.credit':
      return { label: 'A current CPR/AED card earns', value: `${String(value)} ${units}` };
    case 'cprAed.adultCprRequired':
      return { label: 'The card must include Adult CPR', value: yesNo(value) };
    case 'cprAed.aedRequired':
      return { label: 'The card must include AED', value: yesNo(value) };
    case 'cprAed.handsOnRequired':
      return { label: 'A hands-on skills check is required', value: yesNo(value) };
    case 'cprAed.waiver': {
      const w = value as { from: string; until: string | null };
      return {
        label: 'Online-only CPR/AED accepted (COVID-19 waiver)',
        value: `from ${formatDate(w.from)} ${w.until ? `until ${formatDate(w.until)}` : 'until a date not yet published'}`,
      };
    }
    case 'cprAed.validDaysAfterReference':
      return { label: 'The card must stay valid after you apply for', value: `${String(value)} days` };
    case 'petition.fee':
      return {
        label: 'Fee per petitioned course',
        value:
          value !== null
            ? `$${String(value)}`
            : ruleSet.petition.feeCharged?.value
              ? 'set by the body, amount not published'
              : 'not stated',
      };
    case 'petition.feeCharged':
      return { label: 'A processing fee is charged for each petition', value: yesNo(value) };
    case 'courseDeadline':
      return { label: 'Courses count when completed up to', value: `${offsetWords(value as Offset)} after expiration` };
    case 'applicationWindows': {
      const windows = value as RuleSet['applicationWindows']['value'];
      return {
        label: 'Application windows after expiration',
        value: windows.length
          ? windows
              .map(
                (w) => `${w.label}: ${offsetWords(w.from)} to ${offsetWords(w.until)}${w.fee.value !== null ? ` ($${w.fee.value})` : ''}`,
              )
              .join('; ')
          : 'none',
      };
    }
    case 'audit.responseDays':
      return { label: 'Days to send documents after an audit notice', value: value === null ? 'not stated' : String(value) };
    case 'nextCycle':
      return { label: 'After recertification the next cycle lasts', value: `${(value as { months: number }).months} months` };
    case 'activitySharing':
      return {
        label: 'One course for several credentials',
        value: value === 'one-set-for-several' ? 'one set of courses serves them all' : "counts within each credential's own cycle",
      };
    case 'standardFee':
      return { label: 'Recertification fee', value: value === null ? 'not stated' : `$${String(value)}` };
    default:
      return { label: key, value: typeof value === 'object' ? JSON.stringify(value) : String(value) };
  }
}

/** Every sourced figure, depth first in the rule set's own order. */
function figures(ruleSet: RuleSet): RuleFigure[] {
  const out: RuleFigure[] = [];
  const visit = (node: unknown, key: string) => {
    if (isSourced(node)) {
      const source = ruleSet.sources[node.source];
      const words = describeFigure(key, node.value, ruleSet);
      out.push({
        key,
        rule: node.rule,
        label: words.label,
        value: words.value,
        source: { title: source?.title ?? node.source, url: source?.url ?? null },
        verifiedOn: formatDate(node.verifiedOn),
        quote: node.quote ?? null,
        decision: node.decision ?? null,
        note: node.note ?? null,
        unverified: node.unverified === true,
      });
      return;
    }
    if (Array.isArray(node)) node.forEach((child, i) => visit(child, `${key}.${i}`));
    else if (node && typeof node === 'object') {
      for (const [k, child] of Object.entries(node)) visit(child, key ? `${key}.${k}` : k);
    }
  };
  visit(ruleSet, '');
  return out;
}

export function ruleSetDetails(ruleSet: RuleSet): RuleSetDetails {
  return {
    ...ruleSetSummary(ruleSet),
    version: ruleSet.version,
    rules: ruleSet.rules.map((r) => ({ id: r.id, title: r.title, text: r.text, decision: r.decision ?? null })),
    figures: figures(ruleSet),
    cprAedWaiver: ruleSet.cprAed.waiver ? { ...ruleSet.cprAed.waiver.value } : null,
  };
}
