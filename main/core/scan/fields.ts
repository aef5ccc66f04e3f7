// Finding a certificate's fields in its lines of text: pure functions, so that a new layout is a new
// fixture and test, not a special case in a screen. Each finder prefers a labelled value ("Date
// completed: …", "Contact hours: 3") to a guess, and says how sure it is: 0.9 for a value next to its
// label, less for a pattern or a fallback; OCR's own confidence in the line lowers it further.
import type { ScannedDocument, ScannedField, ScannedFields } from '../domain/scan';
import { findDates, type FoundDate } from './dates';
import type { TextLine } from './lines';

const LABELLED = 0.9;
const PATTERN = 0.75;
const GUESS = 0.5;

const field = <T>(value: T, confidence: number, line?: TextLine): ScannedField<T> => ({
  value,
  confidence: Math.round(confidence * (line?.confidence ?? 1) * 100) / 100,
});

/** "Dana Rivera   Date: Feb 1, 2026" → "Dana Rivera": OCR reads two cells of a row as one line. */
function untilNextLabel(text: string): string {
  const next =
    /\s+(?:date(?: completed)?|name|program|course(?: title| code| id)?|title|hours|contact hours|ceus?|cecs?|provider|issued|expires|expiration|completed|activity id|approval (?:code|number)|certificate id)\s*[:#]/i.exec(
      text,
    );
  return (next ? text.slice(0, next.index) : text).trim();
}

/** The text after a label in its own line, or else the next line (the cell to its right or the line below). */
function valueAfter(lines: readonly TextLine[], label: RegExp): { text: string; line: TextLine } | null {
  for (const [i, line] of lines.entries()) {
    const m = label.exec(line.text);
    if (!m) continue;
    const rest = untilNextLabel(
      line.text
        .slice(m.index + m[0].length)
        .replace(/^[\s:–—-]+/, '')
        .trim(),
    );
    if (rest) return { text: rest, line };
    const next = lines[i + 1];
    if (next && next.page === line.page) return { text: next.text, line: next };
  }
  return null;
}

const clean = (text: string) =>
  text
    .replace(/^["“”'‘’]+|["“”'‘’.,;]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

// ---------------------------------------------------------------- the kind of document

const CARD_WORDS = /\b(CPR|AED|BLS|basic life support|heartsaver|cardiopulmonary)\b/i;
const COURSE_WORDS = /\b(certif\w*|complet\w*|CEUs?|CECs?|contact hours?|continuing education|credits?|course)\b/i;

export function documentKind(lines: readonly TextLine[]): ScannedDocument {
  const text = lines.map((l) => l.text).join('\n');
  if (CARD_WORDS.test(text) && !/\b(CEUs?|contact hours?)\b/i.test(text)) return 'cpr-aed-card';
  if (COURSE_WORDS.test(text) && (findDates(text).length > 0 || /\b(CEUs?|contact hours?)\b/i.test(text))) return 'course-certificate';
  return 'unknown';
}

// ---------------------------------------------------------------- who

const NAME_LABELS =
  /\b(?:this (?:is to )?certif(?:y|ies) that|awarded to|presented to|issued to|granted to|is hereby awarded to|participant(?: name)?|student(?: name)?|learner|attendee|(?<!(?:course|program|provider|organi[sz]ation|sponsor|company) )name|holder|card ?holder|recipient)\b\s*:?/i;
const NOT_A_NAME = /\b(certif\w*|complet\w*|course|provider|date|hours?|ceus?|has|the|of|for|this|cpr|aed|bls|adult|card|first aid)\b/i;

function looksLikeName(text: string): boolean {
  const words = text.split(' ');
  return words.length >= 2 && words.length <= 5 && !NOT_A_NAME.test(text) && /^[\p{Lu}][\p{L}'’.\- ]+$/u.test(text);
}

export function findName(lines: readonly TextLine[]): ScannedField<string> | null {
  const labelled = valueAfter(lines, NAME_LABELS);
  if (labelled) {
    const text = clean(labelled.text.replace(/\b(?:has|successfully|completed)\b.*$/i, ''));
    if (looksLikeName(text)) return field(text, LABELLED, labelled.line);
  }
  // AHA-style cards: the holder's name stands alone just before "has successfully completed".
  const before = lines.findIndex((l) => /^has (successfully )?completed/i.test(l.text));
  const candidate = before > 0 ? lines[before - 1] : undefined;
  if (candidate && looksLikeName(clean(candidate.text))) return field(clean(candidate.text), PATTERN, candidate);
  // A card prints the holder's name alone on a line: the first line that looks like a person's name.
  const alone = lines.find(
    (l) => looksLikeName(clean(l.text)) && !KNOWN_PROVIDERS.some((p) => l.text.includes(p)) && !ORGANISATION.test(l.text),
  );
  return alone ? field(clean(alone.text), GUESS, alone) : null;
}

// ---------------------------------------------------------------- what

const TITLE_LABELS =
  /\b(?:has (?:successfully )?completed(?: the)?(?: course| program| workshop| training)?|for (?:successfully )?completing(?: the)?|for (?:the )?(?:successful )?completion of(?: the)?|in recognition of completing(?: the)?|course(?: title| name)?|program(?: title)?|title|workshop|training)\b\s*:?/i;
const HEADINGS =
  /^(certificate( of (completion|achievement|attendance|participation))?|this (is to )?certif(y|ies) that|has (successfully )?completed.*|continuing education.*|transcript)$/i;

export function findTitle(lines: readonly TextLine[], name: string | null, provider: string | null): ScannedField<string> | null {
  const usable = (text: string) =>
    text.length >= 4 &&
    !HEADINGS.test(text) &&
    text !== name &&
    text !== provider &&
    findDates(text).length === 0 &&
    !/^\d/.test(text) &&
    !/:/.test(text);
  for (const [i, line] of lines.entries()) {
    const m = TITLE_LABELS.exec(line.text);
    if (!m || /\b(code|number|id|#|date|hours?|provider)\b/i.test(line.text.slice(m.index, m.index + m[0].length + 12))) continue;
    const rest = clean(
      untilNextLabel(
        line.text
          .slice(m.index + m[0].length)
          .replace(/^[\s:–—-]+/, '')
          .replace(/^(?:the\s+)?(?:course|program|workshop|training)\b\s*:?\s*/i, ''),
      ),
    );
    if (rest && usable(rest) && !/^on\b/i.test(rest)) return field(rest, LABELLED, line);
    const next = lines[i + 1];
    if (!rest && next && usable(clean(next.text))) return field(clean(next.text), LABELLED, next);
  }
  // No label: the largest text that is not a heading, the name or the provider.
  const biggest = [...lines].filter((l) => usable(clean(l.text)) && !looksLikeName(clean(l.text))).sort((a, b) => b.height - a.height)[0];
  return biggest ? field(clean(biggest.text), GUESS, biggest) : null;
}

const KNOWN_PROVIDERS = [
  'National Academy of Sports Medicine',
  'American Council on Exercise',
  'American College of Sports Medicine',
  'National Strength and Conditioning Association',
  'International Sports Sciences Association',
  'Athletics and Fitness Association of America',
  'National Council on Strength and Fitness',
  'American Red Cross',
  'American Heart Association',
  'National Safety Council',
  'Health & Safety Institute',
  'Emergency Care & Safety Institute',
];
const PROVIDER_LABELS =
  /\b(?:provider|provided by|issued by|sponsor(?:ed by)?|presented by|offered by|organi[sz]ation|accredited provider|approved provider|training provider)\b\s*:?/i;
const ORGANISATION =
  /\b(academy|institute|association|university|college|council|society|school|inc\.?|llc|ltd|education|fitness|training|federation|center|centre)\b/i;

export function findProvider(lines: readonly TextLine[], document: ScannedDocument): ScannedField<string> | null {
  const text = lines.map((l) => l.text).join('\n');
  // Cards: the issuing organisation, never the local training centre.
  if (document === 'cpr-aed-card') {
    const known = KNOWN_PROVIDERS.find((p) => text.toLowerCase().includes(p.toLowerCase()));
    if (known)
      return field(
        known,
        LABELLED,
        lines.find((l) => l.text.toLowerCase().includes(known.toLowerCase())),
      );
  }
  const labelled = valueAfter(lines, PROVIDER_LABELS);
  if (labelled) {
    const value = clean(
      labelled.text.replace(/\s*\((?:provider|approval)[^)]*\)\s*$/i, '').replace(/\s+(?:provider|approval)\s+(?:number|no\.?|#).*$/i, ''),
    );
    if (value.length >= 2 && findDates(value).length === 0 && !/^\d/.test(value)) return field(value, LABELLED, labelled.line);
  }
  const known = KNOWN_PROVIDERS.find((p) => text.toLowerCase().includes(p.toLowerCase()));
  if (known)
    return field(
      known,
      PATTERN,
      lines.find((l) => l.text.toLowerCase().includes(known.toLowerCase())),
    );
  const organisation = lines.find(
    (l) => ORGANISATION.test(l.text) && !/\b(certif|complet|this|has)\b/i.test(l.text) && l.text.split(' ').length <= 8,
  );
  return organisation ? field(clean(organisation.text), GUESS, organisation) : null;
}

// ---------------------------------------------------------------- when

const COMPLETED_LABELS =
  /\b(date (?:of )?complet\w*|complet\w* (?:date|on)|completed|date issued|issued? (?:date|on)|issued|date earned|awarded on|course date|date of (?:course|training|class)|conferred|class date|date)\b/i;
const EXPIRES_LABELS =
  /\b(expir\w*|exp\.? date|valid (?:through|thru|until|to)|good (?:through|thru)|recommended renewal(?: date)?|renew\w*(?: by| date)?)\b/i;
const PRINTED_LABELS = /\b(printed|generated|downloaded|report date|as of|run date)\b/i;

interface DatedLine {
  found: FoundDate;
  line: TextLine;
  label: 'completed' | 'expires' | 'printed' | null;
}

/** Every date with the label it sits under: on its own line before it, or on the line above. */
function datedLines(lines: readonly TextLine[]): DatedLine[] {
  const out: DatedLine[] = [];
  for (const [i, line] of lines.entries()) {
    for (const found of findDates(line.text)) {
      const before = line.text.slice(0, found.index);
      const above = lines[i - 1];
      const context = before.trim() ? before : above && above.page === line.page && findDates(above.text).length === 0 ? above.text : '';
      // The label nearest the date wins ("Issued 6/1/2025   Expires 6/1/2027" in one line).
      const kinds = (
        [
          ['expires', EXPIRES_LABELS],
          ['printed', PRINTED_LABELS],
          ['completed', COMPLETED_LABELS],
        ] as const
      )
        .map(([kind, re]) => {
          let end = -1;
          let length = 0;
          const global = new RegExp(re.source, 'gi');
          for (let m = global.exec(context); m; m = global.exec(context)) {
            end = m.index + m[0].length;
            length = m[0].length;
          }
          return { kind, end, length };
        })
        .filter((k) => k.end >= 0)
        .sort((a, b) => b.end - a.end || b.length - a.length);
      out.push({ found, line, label: kinds[0]?.kind ?? null });
    }
  }
  return out;
}

export function findCompleted(lines: readonly TextLine[]): ScannedField<string> | null {
  const dates = datedLines(lines).filter((d) => !d.found.monthOnly);
  const labelled = dates.find((d) => d.label === 'completed');
  if (labelled) return field(labelled.found.date, LABELLED, labelled.line);
  const plain = dates.filter((d) => d.label === null);
  const [only] = plain;
  if (only) return field(only.found.date, plain.length === 1 ? PATTERN : GUESS, only.line);
  return null;
}

export function findExpires(lines: readonly TextLine[]): ScannedField<string> | null {
  const labelled = datedLines(lines).find((d) => d.label === 'expires');
  return labelled ? field(labelled.found.date, labelled.found.monthOnly ? PATTERN : LABELLED, labelled.line) : null;
}

// ---------------------------------------------------------------- how much

const NUMBER = '(\\d{1,3}(?:[.,]\\d{1,3})?)';
const CEU_WORDS = '(?:CEUs?|CEU credits?|continuing education units?|CECs?)';
const HOUR_WORDS = '(?:contact hours?|clock hours?|credit hours?|hours?|hrs?\\.?)';

function amount(lines: readonly TextLine[], words: string): { value: number; line: TextLine; labelled: boolean } | null {
  const after = new RegExp(`${NUMBER}\\s*${words}\\b`, 'i');
  const before = new RegExp(`\\b${words}\\s*(?:earned|awarded|approved)?\\s*[:=]?\\s*${NUMBER}(?![\\d/.-])`, 'i');
  const alone = new RegExp(`^${words}\\s*(?:earned|awarded|approved)?\\s*:?$`, 'i');
  for (const [i, line] of lines.entries()) {
    // "Printed 12/01/2026 10:00" is no amount: a number inside a date is skipped.
    const text = findDates(line.text).reduce((t, d) => t.replace(d.text, ' '), line.text);
    const next = lines[i + 1];
    // A label in one cell, its number in the next ("Contact Hours | 3").
    const inNextCell = alone.test(text.trim()) && next ? new RegExp(`^${NUMBER}$`).exec(next.text.trim()) : null;
    const m = inNextCell ?? before.exec(text) ?? after.exec(text);
    const raw = m?.[1];
    if (!raw) continue;
    const value = Number(raw.replace(',', '.'));
    if (value > 0 && value < 1000) return { value, line, labelled: true };
  }
  return null;
}

/** CEUs and contact hours by their own labels: a number is never taken for the other. */
export function findAmounts(lines: readonly TextLine[]): Pick<ScannedFields, 'ceus' | 'contactHours'> {
  const ceus = amount(lines, CEU_WORDS);
  // "0.3 CEUs (3 contact hours)": both are printed; both are reported.
  const hours = amount(
    lines.map((l) => ({ ...l, text: l.text.replace(new RegExp(`${NUMBER}\\s*${CEU_WORDS}`, 'gi'), ' ') })),
    HOUR_WORDS,
  );
  return {
    ceus: ceus ? field(ceus.value, LABELLED, ceus.line) : null,
    contactHours: hours ? field(hours.value, LABELLED, hours.line) : null,
  };
}

const CODE_LABELS =
  /\b(?:course (?:code|number|no\.?|id|#)|approval (?:code|number|no\.?|#)|activity (?:id|number|code)|program (?:code|number|id)|course #|approval #)\s*:?\s*/i;

export function findApprovalCode(lines: readonly TextLine[]): ScannedField<string> | null {
  const labelled = valueAfter(lines, CODE_LABELS);
  const token = labelled ? /^#?\s*([A-Z0-9][A-Z0-9./-]{1,30})\b/i.exec(labelled.text) : null;
  return token?.[1] && /\d/.test(token[1]) && labelled ? field(token[1], LABELLED, labelled.line) : null;
}

// ---------------------------------------------------------------- CPR/AED cards

export function findCardFacts(lines: readonly TextLine[]): Pick<ScannedFields, 'adultCpr' | 'aed' | 'handsOn'> {
  // A sentence may wrap: the card's text is read as one.
  const text = lines.map((l) => l.text).join(' ');
  const yes = (stated: boolean) => (stated ? field(true, PATTERN) : null);
  const onlineOnly = /\b(online[- ]only|online course only|no (?:hands-on )?skills)\b/i.test(text);
  const handsOn =
    /\b(hands-on|skills?\s+(?:sessions?|checks?|tests?|evaluations?|practice)|in-person|classroom|blended learning|instructor-led)\b/i.test(
      text,
    );
  return {
    adultCpr: yes(/\badult\b.{0,40}\bCPR\b|\bCPR\b.{0,20}\badult\b|\bBLS\b|\bbasic life support\b/i.test(text)),
    aed: yes(/\bAED\b/.test(text)),
    handsOn: onlineOnly ? field(false, PATTERN) : yes(handsOn),
  };
}

// ---------------------------------------------------------------- everything

export function findFields(lines: readonly TextLine[]): { document: ScannedDocument; fields: ScannedFields } {
  const document = documentKind(lines);
  const none: ScannedFields = {
    name: null,
    title: null,
    provider: null,
    completed: null,
    ceus: null,
    contactHours: null,
    approvalCode: null,
    expires: null,
    adultCpr: null,
    aed: null,
    handsOn: null,
  };
  // Not a certificate: nothing is proposed, so nothing is pre-filled wrongly.
  if (document === 'unknown') return { document, fields: none };
  const name = findName(lines);
  const provider = findProvider(lines, document);
  if (document === 'cpr-aed-card') {
    return {
      document,
      fields: { ...none, name, provider, completed: findCompleted(lines), expires: findExpires(lines), ...findCardFacts(lines) },
    };
  }
  return {
    document,
    fields: {
      ...none,
      name,
      provider,
      title: findTitle(lines, name?.value ?? null, provider?.value ?? null),
      completed: findCompleted(lines),
      ...findAmounts(lines),
      approvalCode: findApprovalCode(lines),
    },
  };
}
