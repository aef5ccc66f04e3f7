// Finding a certificate's fields in its lines of text: pure functions, so that a new layout is a new
// fixture and test, not a special case in a screen. Each finder prefers a labelled value ("Date
// completed: …", "Contact hours: 3") to a guess, and says how sure it is: 0.9 for a value next to its
// label, less for a pattern or a fallback; OCR's own confidence in the line lowers it further. A
// wrong field is worse than an empty one: where the text does not say, the field stays empty.
import type { ScannedApproval, ScannedDocument, ScannedField, ScannedFields } from '../domain/scan';
import { dateOrder, findDates, type DateOrder, type FoundDate } from './dates';
import { fold, labelMatcher, type FoundLabel, type Label } from './labels';
import type { TextLine } from './lines';

const LABELLED = 0.9;
const PATTERN = 0.75;
const GUESS = 0.5;

const field = <T>(value: T, confidence: number, line?: TextLine): ScannedField<T> => ({
  value,
  confidence: Math.round(confidence * (line?.confidence ?? 1) * 100) / 100,
});

// ---------------------------------------------------------------- labels

type Kind =
  | 'name'
  | 'not-holder'
  | 'title'
  | 'provider'
  | 'completed'
  | 'expires'
  | 'printed'
  | 'other-date'
  | 'code'
  | 'approval'
  | 'amount'
  | 'other';

const L = (kind: Kind, strength: 1 | 2 | 3, ...phrases: string[]): Label<Kind>[] => phrases.map((phrase) => ({ phrase, kind, strength }));

const LABELS: Label<Kind>[] = [
  ...L('name', 3, 'participant name', 'student name', 'attendee name', 'learner name', 'name of participant', 'full name', 'member name'),
  ...L('name', 3, 'card holder', 'cardholder', 'awarded to', 'presented to', 'issued to', 'granted to', 'is hereby awarded to'),
  ...L('name', 3, 'this certifies that', 'this is to certify that', 'certifies that', 'this confirms that', 'confirms that'),
  ...L('name', 3, 'this is to confirm that', 'verifies that', 'se certifica que', 'certifica que', 'otorgado a', 'nombre del participante'),
  ...L('name', 2, 'participant', 'student', 'learner', 'attendee', 'holder', 'recipient', 'nombre', 'participante', 'alumno'),
  ...L('name', 1, 'name'),
  ...L(
    'not-holder',
    3,
    'instructor name',
    'lead instructor',
    'instructor id',
    'training center',
    'training centre',
    'training center name',
  ),
  ...L(
    'not-holder',
    3,
    'training site',
    'training center id',
    'tc name',
    'course director',
    'authorized signature',
    'authorised signature',
  ),
  ...L('not-holder', 3, 'authorized by', 'instructor signature', 'program director', 'education director', 'presenter name'),
  ...L('not-holder', 2, 'instructor', 'director', 'coordinator', 'signature', 'signed', 'evaluator', 'facilitator', 'presenter', 'speaker'),
  ...L('not-holder', 2, 'site', 'centro de entrenamiento', 'firma', 'instructora'),
  ...L('title', 3, 'course title', 'course name', 'program title', 'program name', 'activity title', 'webinar title', 'session title'),
  ...L('title', 3, 'event title', 'workshop title', 'class title', 'nombre del curso', 'titulo del curso'),
  ...L(
    'title',
    3,
    'has successfully completed',
    'has completed',
    'successfully completed',
    'for completing',
    'for successfully completing',
  ),
  ...L('title', 3, 'for the completion of', 'for completion of', 'for successful completion of', 'for the successful completion of'),
  ...L('title', 3, 'in recognition of completing', 'participated in', 'has participated in', 'attended the', 'has attended'),
  ...L('title', 3, 'for attending', 'for participating in'),
  ...L('title', 3, 'ha completado satisfactoriamente', 'ha completado', 'por haber completado', 'ha finalizado', 'por completar'),
  ...L('title', 2, 'course', 'program', 'title', 'workshop', 'webinar', 'seminar', 'event', 'session', 'curso', 'activity', 'module'),
  ...L('title', 1, 'training', 'attended'),
  ...L('provider', 3, 'provided by', 'course provider', 'training provider', 'issued by', 'sponsored by', 'presented by', 'offered by'),
  ...L('provider', 3, 'hosted by', 'issuing organization', 'issuing organisation', 'education provider', 'ce provider', 'impartido por'),
  ...L('provider', 3, 'organizado por', 'emitido por', 'provider name'),
  ...L('provider', 2, 'provider', 'sponsor', 'organization', 'organisation', 'institution', 'proveedor', 'entidad'),
  ...L('approval', 3, 'approved provider', 'accredited provider', 'approved by', 'approved for', 'pre approved', 'preapproved'),
  ...L('completed', 3, 'date of completion', 'completion date', 'date completed', 'completed on', 'issue date', 'date issued', 'issued on'),
  ...L('completed', 3, 'date earned', 'awarded on', 'course date', 'class date', 'date of course', 'date of training', 'date of class'),
  ...L('completed', 3, 'training date', 'event date', 'webinar date', 'session date', 'attended on', 'date attended', 'date of attendance'),
  ...L('completed', 3, 'fecha de finalizacion', 'fecha de emision', 'fecha de realizacion', 'fecha de expedicion', 'fecha del curso'),
  ...L('completed', 3, 'end date', 'date of issue', 'completion', 'held on'),
  ...L('completed', 2, 'completed', 'issued', 'conferred', 'awarded', 'finalizado', 'emitido'),
  ...L('completed', 1, 'date', 'fecha', 'on'),
  ...L('expires', 3, 'expiration date', 'date of expiration', 'expiry date', 'expires on', 'exp date', 'valid through', 'valid thru'),
  ...L('expires', 3, 'valid until', 'good through', 'good thru', 'recommended renewal date', 'recommended renewal', 'renewal date'),
  ...L('expires', 3, 'renew by', 'renewal due', 'fecha de vencimiento', 'valido hasta', 'fecha de caducidad', 'expiration', 'expires'),
  ...L('expires', 2, 'valid to', 'expiry', 'exp', 'vence', 'vencimiento'),
  ...L('printed', 3, 'printed on', 'date printed', 'report date', 'run date', 'invoice date', 'generated on', 'downloaded on'),
  ...L('printed', 2, 'printed', 'generated', 'downloaded', 'as of'),
  ...L(
    'other-date',
    3,
    'date of birth',
    'birth date',
    'enrollment date',
    'registration date',
    'start date',
    'due date',
    'fecha de nacimiento',
  ),
  ...L('other-date', 2, 'dob', 'enrolled', 'registered', 'since'),
  ...L('code', 3, 'course code', 'course number', 'course no', 'course id', 'course #', 'approval code', 'approval number'),
  ...L('code', 3, 'approval no', 'approval #', 'activity id', 'activity number', 'activity code', 'program code', 'program number'),
  ...L('code', 3, 'program id', 'event code', 'session code', 'cep #', 'cep number', 'codigo del curso', 'codigo'),
  ...L('code', 1, 'provider #', 'provider number', 'provider no', 'provider id'),
  ...L('amount', 2, 'ceus', 'ceu', 'cecs', 'cec', 'contact hours', 'credit hours', 'ce hours', 'hours', 'credits', 'horas', 'creditos'),
  ...L('other', 3, 'certificate id', 'certificate number', 'certificate no', 'certificate #', 'card id', 'ecard code', 'cert id'),
  ...L('other', 3, 'certification number', 'member id', 'license number', 'valid for', 'phone', 'email', 'address'),
];

const matchLabels = labelMatcher(LABELS);

/** The labels in a text, longest phrase first where they overlap, in order. */
function labelsIn(text: string): FoundLabel<Kind>[] {
  return matchLabels(text);
}

/** A line that is nothing but a label ("Date Completed", "Instructor:"). */
function labelOnly(line: TextLine | string): FoundLabel<Kind> | null {
  const text = typeof line === 'string' ? line : line.text;
  const found = labelsIn(text);
  const [first] = found;
  if (!first || found.length !== 1) return null;
  const rest = (text.slice(0, first.index) + text.slice(first.end)).replace(/[\s:#.–—-]+/g, '');
  return rest === '' ? first : null;
}

/**
 * "Dana Rivera   Date: Feb 1, 2026" → "Dana Rivera": OCR reads two cells of a row as one line. A title
 * keeps labels of its own kind ("Kettlebell Workshop: Principles and Practice").
 */
function untilNextLabel(text: string, keep?: Kind): string {
  for (const label of labelsIn(text)) {
    if (label.index === 0 || label.kind === keep) continue;
    if (/^\s*[:#]/.test(text.slice(label.end)) || (label.phrase.endsWith('#') && label.index > 0)) return text.slice(0, label.index).trim();
  }
  return text.trim();
}

const clean = (text: string) =>
  text
    .replace(/^[\s"“”'‘’«»:–—-]+|["“”'‘’«».,;:\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const sameRow = (a: TextLine, b: TextLine) => a.page === b.page && Math.abs(a.y - b.y) <= Math.max(a.height, b.height) * 0.5;
const right = (line: TextLine) => line.x + (line.width ?? line.text.length * line.height * 0.5);
const overlaps = (a: TextLine, b: TextLine) => a.x < right(b) && b.x < right(a);

/** The cell to the right of a line in its row, or the line below it (its column's, when widths are known). */
function neighbour(lines: readonly TextLine[], i: number): TextLine | null {
  const line = lines[i];
  if (!line) return null;
  const next = lines[i + 1];
  if (next && sameRow(line, next)) return next;
  for (const below of lines.slice(i + 1)) {
    if (below.page !== line.page || below.y - line.y > Math.max(line.height, below.height) * 4) break;
    if (sameRow(line, below)) continue;
    if (line.width === undefined || overlaps(line, below)) return below;
  }
  return null;
}

interface Labelled {
  text: string;
  line: TextLine;
  label: FoundLabel<Kind>;
  index: number;
}

/** Values after labels of a kind, strongest label first, then in reading order. */
function valuesAfter(lines: readonly TextLine[], kind: Kind): Labelled[] {
  const out: Labelled[] = [];
  for (const [i, line] of lines.entries()) {
    for (const label of labelsIn(line.text)) {
      if (label.kind !== kind) continue;
      // A weaker label ("Course", "Name") labels only at the start of its line or before a colon:
      // "This course is approved for…" names no course.
      if (label.strength < 3 && label.index > 1 && !/^\s*[:#]/.test(line.text.slice(label.end))) continue;
      const rest = untilNextLabel(
        line.text
          .slice(label.end)
          .replace(/^[\s:#–—-]+/, '')
          .trim(),
      );
      if (rest) out.push({ text: rest, line, label, index: i });
      else {
        const next = neighbour(lines, i);
        if (next && !labelOnly(next)) out.push({ text: next.text, line: next, label, index: i });
      }
    }
  }
  return out.sort((a, b) => b.label.strength - a.label.strength || a.index - b.index);
}

// ---------------------------------------------------------------- the kind of document

const CARD_WORDS = /\b(CPR|AED|BLS|basic life support|heartsaver|cardiopulmonary|first aid|RCP|DEA)\b/i;
const COURSE_WORDS =
  /\b(certif\w*|complet\w*|CEUs?|CECs?|contact hours?|continuing education|credits?|course|webinar|transcript|attend\w*|curso|horas|finaliz\w*)\b/i;
const AMOUNT_WORDS = /\b(CEUs?|CECs?|contact hours?|credit hours?|CE hours?|horas|cr[eé]ditos)\b/i;
const INVOICE = /\b(invoice|receipt|amount due|subtotal|bill to|balance due|total paid|payment method|factura|recibo)\b/gi;

export function documentKind(lines: readonly TextLine[]): ScannedDocument {
  const text = lines.map((l) => l.text).join('\n');
  // An invoice or receipt names a course and a date but proves nothing was completed.
  const invoiceWords = new Set([...text.matchAll(INVOICE)].map((m) => (m[0] ?? '').toLowerCase()));
  if (invoiceWords.size >= 2 || /^\s*(invoice|receipt|factura|recibo)\b/im.test(text)) return 'unknown';
  if (CARD_WORDS.test(text) && !AMOUNT_WORDS.test(text)) return 'cpr-aed-card';
  if (COURSE_WORDS.test(text) && (findDates(text, dateOrder(text)).length > 0 || AMOUNT_WORDS.test(text))) return 'course-certificate';
  return 'unknown';
}

// ---------------------------------------------------------------- who

const NOT_A_NAME =
  /\b(certif\w*|complet\w*|course|provider|date|hours?|ceus?|has|the|of|for|this|cpr|aed|bls|adult|card|first aid|attendance|webinar|transcript|record|statement|achievement|participation|verification|seminar|workshop|training|education|continuing|heartsaver|support|safety|council|association|academy|institute|university|college|center|centre|program|and|with|by|in|to|on|at|signature|instructor|director|total|page|curso|certificado|horas|fecha|de la (?:cruz roja)|invoice|receipt|valid|years?)\b/i;
const CREDENTIAL_SUFFIX =
  /,?\s+(?:NASM-)?(?:CPT|CES|PES|CSCS|CSCS\*D|NSCA-CPT|ACSM-CPT|ACE-CPT|MS|MA|BS|PhD|Ph\.D\.|MD|RN|RD|ATC|DPT|PT)\.?$/;

/** "Rivera, Dana" → "Dana Rivera"; a credential after the name is not part of it. */
function personName(text: string): string {
  let name = clean(text.replace(/\s+(?:has|have|ha|successfully|completed|attended|participated)\b.*$/i, ''));
  for (let suffix = CREDENTIAL_SUFFIX.exec(name); suffix; suffix = CREDENTIAL_SUFFIX.exec(name)) name = name.slice(0, suffix.index).trim();
  const reversed = /^([\p{L}'’-]+(?: [\p{L}'’-]+)?),\s*([\p{L}'’.-]+(?: [\p{L}'’.-]+){0,2})$/u.exec(name);
  return reversed ? `${reversed[2]} ${reversed[1]}` : name;
}

function looksLikeName(text: string): boolean {
  const words = text.split(' ');
  return (
    words.length >= 2 &&
    words.length <= 5 &&
    !NOT_A_NAME.test(text) &&
    /^[\p{Lu}][\p{L}'’.\- ]+$/u.test(text) &&
    words.filter((w) => /^\p{Lu}/u.test(w)).length >= 2
  );
}
const allCapitals = (text: string) => /\p{L}{2}/u.test(text) && text === text.toUpperCase();

/** Lines that name someone other than the holder: an instructor, a training centre, a signatory. */
function notHolders(lines: readonly TextLine[]): Set<TextLine> {
  const out = new Set<TextLine>();
  for (const [i, line] of lines.entries()) {
    const labels = labelsIn(line.text).filter((l) => l.kind === 'not-holder');
    if (labels.length === 0) continue;
    out.add(line);
    const only = labelOnly(line);
    if (only) {
      // A signature block: the name stands above its role; a role's cell has the name beside or below it.
      const above = lines[i - 1];
      const nameAbove =
        above &&
        above.page === line.page &&
        !sameRow(above, line) &&
        line.y - above.y <= Math.max(line.height, above.height) * 2.5 &&
        looksLikeName(personName(above.text));
      if (nameAbove) out.add(above);
      else if (!/signature|signed|firma/.test(only.phrase)) {
        const next = neighbour(lines, i);
        if (next) out.add(next);
      }
    }
  }
  return out;
}

export function findName(lines: readonly TextLine[]): ScannedField<string> | null {
  const others = notHolders(lines);
  for (const value of valuesAfter(lines, 'name')) {
    if (others.has(value.line) && value.line !== lines[value.index]) continue;
    const text = personName(value.text);
    if (looksLikeName(text)) return field(text, LABELLED, value.line);
  }
  // The holder's name stands alone just before "has successfully completed" (AHA cards and many
  // certificates), or begins that sentence ("Dana Rivera has successfully completed requirements for").
  for (const [i, line] of lines.entries()) {
    if (!others.has(line) && /^\p{Lu}[^:]*?\s+(?:has|have)\s+(?:successfully\s+)?(?:completed|attended|participated)\b/u.test(line.text)) {
      const text = personName(line.text);
      if (looksLikeName(text)) return field(text, PATTERN, line);
    }
    if (!/^(has|have|ha|is hereby)\b|^(successfully )?completed\b/i.test(line.text)) continue;
    const candidate = lines[i - 1];
    if (candidate && !others.has(candidate) && looksLikeName(personName(candidate.text)))
      return field(personName(candidate.text), PATTERN, candidate);
  }
  // A card prints the holder's name alone on a line: the first line that looks like a person's name,
  // never a heading in capitals, an organisation or someone who signed it.
  const alone = lines.find(
    (l) =>
      !others.has(l) &&
      !allCapitals(l.text) &&
      labelsIn(l.text).length === 0 &&
      looksLikeName(personName(l.text)) &&
      !KNOWN_PROVIDERS.some((p) => l.text.includes(p)) &&
      !ORGANISATION.test(l.text),
  );
  return alone ? field(personName(alone.text), GUESS, alone) : null;
}

// ---------------------------------------------------------------- what

const HEADINGS =
  /^(certificate( of (completion|achievement|attendance|participation|continuing education))?|this (is to )?certif(y|ies) that|has (successfully )?completed.*|continuing education.*|transcript|(webinar|course|workshop|seminar|event) (attendance|certificate|completion)( certificate)?|statement of (attendance|completion|credit)|certificado( de (finalizaci[oó]n|participaci[oó]n|asistencia|aprovechamiento))?|record of (completion|continuing education)|course history|verification of (attendance|completion))$/i;
const BY_PROVIDER =
  /^(presented|offered|sponsored|provided|hosted|issued|organi[sz]ed|approved|impartido|organizado|emitido)\s+(by|por)\b/i;
const SIGNATURE = /\b(signature|signed|authori[sz]ed|firma)\b|_{3,}/i;

export function findTitle(lines: readonly TextLine[], name: string | null, provider: string | null): ScannedField<string> | null {
  const others = notHolders(lines);
  const usable = (text: string) => {
    const before = /^([^:]+):/.exec(text)?.[1];
    return (
      text.length >= 4 &&
      /\p{L}{3}/u.test(text) &&
      !HEADINGS.test(text) &&
      fold(text) !== fold(name ?? '') &&
      fold(text) !== fold(provider ?? '') &&
      findDates(text).length === 0 &&
      !/^\d/.test(text) &&
      !BY_PROVIDER.test(text) &&
      !SIGNATURE.test(text) &&
      !(before && labelOnly(before))
    );
  };
  /** A title set large wraps: the next line in the same type, just below, continues it. */
  const whole = (line: TextLine, text: string) => {
    const i = lines.indexOf(line);
    const next = lines[i + 1];
    if (!next || next.page !== line.page || Math.abs(next.height - line.height) > 0.5 || next.y - line.y > line.height * 1.6) return text;
    if (labelsIn(next.text).length > 0 || findDates(next.text).length > 0 || !/^\p{L}/u.test(next.text) || others.has(next)) return text;
    return `${text} ${clean(next.text)}`;
  };
  const trim = (text: string) =>
    clean(
      untilNextLabel(text, 'title')
        .replace(
          /^(?:(?:the|el|la)\s+(?:(?:live|online|on-demand|recorded)\s+)?|(?:live|online|on-demand|recorded)\s+)(?:course|program|workshop|webinar|seminar|training|event|session|curso|taller)\b\s*[:,]?\s*|^(?:course|program|workshop|webinar|seminar|training|event|session|curso|taller)\s*(?::\s*|$)/i,
          '',
        )
        .replace(/\s+(?:presented|offered|sponsored|provided|hosted|organi[sz]ed)\s+by\b.*$/i, '')
        .replace(/\s+(?:on|el)\s+\S*\d.*$/i, '')
        .replace(/^["“”'‘’]+|["“”'‘’]+$/g, ''),
    );
  for (const value of valuesAfter(lines, 'title')) {
    if (others.has(value.line)) continue;
    // "Course #", "Course Date", "Course Provider" are other labels.
    const text = trim(value.text);
    if (text && usable(text))
      return field(
        value.line === lines[value.index] ? text : whole(value.line, text),
        value.label.strength >= 2 ? LABELLED : PATTERN,
        value.line,
      );
    // "has completed the course" on one line, the title on the next.
    const after = neighbour(lines, value.index);
    if (value.line === lines[value.index] && !text && after && usable(trim(after.text)))
      return field(whole(after, trim(after.text)), LABELLED, after);
  }
  // A title in quotation marks ("attended the webinar “Fascia and Movement”").
  for (const line of lines) {
    const quoted = /[“"«]([^”"»]{4,120})[”"»]/.exec(line.text)?.[1];
    if (quoted && usable(clean(quoted))) return field(clean(quoted), PATTERN, line);
  }
  // No label: the largest text that is not a heading, a name, the provider or a signatory.
  const biggest = [...lines]
    .filter(
      (l) =>
        !others.has(l) &&
        !labelOnly(l) &&
        usable(clean(l.text)) &&
        !looksLikeName(personName(l.text)) &&
        labelsIn(l.text).every((x) => x.kind === 'title'),
    )
    .filter((l) => !ORGANISATION.test(l.text) || /\b(training|education|fitness)\b/i.test(l.text))
    .sort((a, b) => b.height - a.height)[0];
  return biggest ? field(trim(biggest.text), GUESS, biggest) : null;
}

const KNOWN_PROVIDERS = [
  'National Academy of Sports Medicine',
  'American Council on Exercise',
  'American College of Sports Medicine',
  'National Strength and Conditioning Association',
  'International Sports Sciences Association',
  'Athletics and Fitness Association of America',
  'National Council on Strength and Fitness',
  'National Federation of Professional Trainers',
  'American Red Cross',
  'American Heart Association',
  'National Safety Council',
  'American Safety & Health Institute',
  'Health & Safety Institute',
  'Emergency Care & Safety Institute',
  'Cruz Roja Española',
];
const ABBREVIATED: Record<string, string> = {
  NASM: 'National Academy of Sports Medicine',
  ACE: 'American Council on Exercise',
  ACSM: 'American College of Sports Medicine',
  NSCA: 'National Strength and Conditioning Association',
  AFAA: 'Athletics and Fitness Association of America',
  ASHI: 'American Safety & Health Institute',
};
const ORGANISATION =
  /\b(academy|institute|association|university|college|council|society|school|inc\.?|llc|ltd|education|fitness|training|federation|center|centre|gym|club|studio|universidad|instituto|escuela|federaci[oó]n|asociaci[oó]n)\b/i;
/** "approved by X", "X Approved Provider", "X-approved", "approved for 0.5 CEUs by X": X approves, it does not provide. */
const APPROVAL_CONTEXT = /\b(approv\w*|accredit\w*|recogni[sz]ed by|CEP|provider (?:#|no|number))\b/i;

function knownProvider(lines: readonly TextLine[], others: Set<TextLine>): { name: string; line: TextLine } | null {
  for (const line of lines) {
    if (others.has(line) || APPROVAL_CONTEXT.test(line.text)) continue;
    const known = KNOWN_PROVIDERS.find((p) => fold(line.text).includes(fold(p)));
    if (known) return { name: known, line };
  }
  return null;
}

export function findProvider(lines: readonly TextLine[], document: ScannedDocument): ScannedField<string> | null {
  const others = notHolders(lines);
  // Cards: the issuing organisation, never the local training centre.
  if (document === 'cpr-aed-card') {
    const known = knownProvider(lines, others);
    if (known) return field(known.name, LABELLED, known.line);
    const abbreviation = lines.find((l) => /\b(ASHI|AHA)\b/.test(l.text));
    if (abbreviation)
      return field(
        /\bASHI\b/.test(abbreviation.text) ? 'American Safety & Health Institute' : 'American Heart Association',
        PATTERN,
        abbreviation,
      );
  }
  for (const value of valuesAfter(lines, 'provider')) {
    if (others.has(value.line) && value.line !== lines[value.index]) continue;
    const firstDate = findDates(value.text)[0];
    const text = clean(
      (firstDate ? value.text.slice(0, firstDate.index).replace(/\s+(?:on|el)\s*$/i, '') : value.text)
        .replace(/\s*\((?:provider|approval|cep)[^)]*\)\s*$/i, '')
        .replace(/\s+(?:provider|approval|cep)\s*(?:number|no\.?|#|id).*$/i, '')
        .replace(/^the\s+/i, ''),
    );
    const expanded = ABBREVIATED[text] ?? text;
    if (
      text.length >= 2 &&
      findDates(text).length === 0 &&
      !/^\d/.test(text) &&
      !looksLikeName(text) &&
      labelsIn(text).every((l) => l.kind !== 'amount')
    )
      return field(expanded, value.label.strength >= 2 ? LABELLED : PATTERN, value.line);
  }
  const known = knownProvider(lines, others);
  if (known) return field(known.name, PATTERN, known.line);
  const organisation = lines.find(
    (l) =>
      !others.has(l) &&
      ORGANISATION.test(l.text) &&
      !APPROVAL_CONTEXT.test(l.text) &&
      !HEADINGS.test(clean(l.text)) &&
      labelsIn(l.text).every((x) => x.kind === 'provider' || x.kind === 'title') &&
      !/\b(certif|complet|this|has|continuing education|transcript|record)\b/i.test(l.text) &&
      l.text.split(' ').length <= 8,
  );
  return organisation ? field(clean(organisation.text), GUESS, organisation) : null;
}

// ---------------------------------------------------------------- when

type DateKind = 'completed' | 'expires' | 'printed' | 'other-date';

interface DatedLine {
  found: FoundDate;
  line: TextLine;
  label: FoundLabel<Kind> | null;
}
const DATE_KINDS = new Set<Kind>(['completed', 'expires', 'printed', 'other-date']);

/** The date label nearest before `end` in a text, or null (a label of another kind in between stops it). */
function dateLabelIn(text: string): FoundLabel<Kind> | null {
  const found = labelsIn(text).filter((l) => l.kind !== 'amount');
  const last = found[found.length - 1];
  return last && DATE_KINDS.has(last.kind) ? last : null;
}

/** Every date with the label it stands after: in its line, in the cell to its left, or in the label above it. */
function datedLines(lines: readonly TextLine[], order: DateOrder): DatedLine[] {
  const out: DatedLine[] = [];
  for (const [i, line] of lines.entries()) {
    let from = 0;
    for (const found of findDates(line.text, order)) {
      const context = line.text.slice(from, found.index);
      from = found.index + found.text.length;
      let label = dateLabelIn(context);
      if (!label && context.replace(/[\s:–—-]/g, '') === '') {
        // The label cell beside or above: the nearest line before this one that is only a label.
        for (let j = i - 1; j >= 0 && j >= i - 8; j--) {
          const before = lines[j];
          if (!before || before.page !== line.page || line.y - before.y > Math.max(line.height, before.height) * 4) break;
          const only = labelOnly(before);
          if (sameRow(before, line)) {
            // The cell to the left labels it; another value to the left does not, the header above may.
            if (only) {
              label = DATE_KINDS.has(only.kind) ? only : null;
              break;
            }
            if (line.width === undefined) break;
            continue;
          }
          if (only && (line.width === undefined || before.width === undefined || overlaps(before, line))) {
            label = DATE_KINDS.has(only.kind) ? only : null;
            break;
          }
          if (findDates(before.text, order).length > 0 && (line.width === undefined || overlaps(before, line))) break;
        }
      }
      out.push({ found, line, label });
    }
  }
  return out;
}

const kindOf = (d: DatedLine): DateKind | null => (d.label ? (d.label.kind as DateKind) : null);

export function findCompleted(lines: readonly TextLine[], order: DateOrder = 'month-first'): ScannedField<string> | null {
  const dates = datedLines(lines, order).filter((d) => !d.found.monthOnly);
  const labelled = dates.filter((d) => kindOf(d) === 'completed').sort((a, b) => (b.label?.strength ?? 0) - (a.label?.strength ?? 0));
  const [best] = labelled;
  if (best) return field(best.found.date, (best.label?.strength ?? 0) >= 2 ? LABELLED : PATTERN, best.line);
  const plain = dates.filter((d) => kindOf(d) === null);
  const [only] = plain;
  if (only && plain.every((d) => d.found.date === only.found.date)) return field(only.found.date, PATTERN, only.line);
  if (only) return field(only.found.date, GUESS, only.line);
  return null;
}

const YEARS: Record<string, number> = { one: 1, two: 2, three: 3, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, uno: 1, dos: 2, tres: 3 };

function plusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y + years}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function findExpires(
  lines: readonly TextLine[],
  order: DateOrder = 'month-first',
  completed: string | null = null,
): ScannedField<string> | null {
  const labelled = datedLines(lines, order)
    .filter((d) => kindOf(d) === 'expires')
    .sort((a, b) => (b.label?.strength ?? 0) - (a.label?.strength ?? 0));
  const [best] = labelled;
  if (best) return field(best.found.date, best.found.monthOnly ? PATTERN : LABELLED, best.line);
  // "Valid For: 2 Years" (Red Cross): the card expires that long after its completion.
  if (!completed) return null;
  const text = lines.map((l) => l.text).join('\n');
  const valid =
    /\b(?:valid for|v[aá]lid[oa]? (?:por|durante)|certification period|expires)\s*:?\s*\n?\s*(one|two|three|uno|dos|tres|\d)\s*(?:\(\d\)\s*)?(?:years?|yrs?|a[nñ]os)\b/i.exec(
      text,
    );
  const years = valid ? YEARS[(valid[1] ?? '').toLowerCase()] : undefined;
  return years ? field(plusYears(completed, years), PATTERN) : null;
}

// ---------------------------------------------------------------- how much

const NUMBER = '(\\d{1,3}(?:[.,]\\d{1,3})?)';
const BODY = '(?:(?:NASM|ACE|AFAA|NSCA|ACSM|ISSA|NCSF|NFPT|NCCPT)\\s+)?';
const CEU_WORDS = '(?:CEUs?|CEU credits?|continuing education units?|CECs?|CE credits?|cr[eé]ditos(?: CEU)?)';
const HOUR_WORDS = '(?:contact hours?|clock hours?|credit hours?|CE hours?|hours?|hrs?\\.?|horas(?: lectivas)?)';

function amount(lines: readonly TextLine[], words: string): { value: number; line: TextLine } | null {
  const after = new RegExp(`${NUMBER}\\s*${BODY}${words}(?![\\p{L}])`, 'iu');
  const before = new RegExp(
    `(?<![\\p{L}])${BODY}${words}\\s*(?:earned|awarded|approved|\\([A-Z]{2,4}\\))?\\s*[:=]?\\s*${NUMBER}(?![\\d/.-])`,
    'iu',
  );
  const alone = new RegExp(`^${BODY}${words}\\s*(?:earned|awarded|approved)?\\s*:?$`, 'iu');
  for (const [i, line] of lines.entries()) {
    if (/\b(total|totales?|required|requirement|needed|remaining)\b/i.test(line.text)) continue;
    // "Printed 12/01/2026 10:00" is no amount: a number inside a date is skipped.
    const text = findDates(line.text).reduce((t, d) => t.replace(d.text, ' '), line.text);
    const next = neighbour(lines, i);
    // A label in one cell, its number in the next ("Contact Hours | 3").
    const inNextCell = alone.test(text.trim()) && next ? new RegExp(`^${NUMBER}$`).exec(next.text.trim()) : null;
    const m = inNextCell ?? before.exec(text) ?? after.exec(text);
    const raw = m?.[1];
    if (!raw) continue;
    const value = Number(raw.replace(',', '.'));
    if (value > 0 && value < 1000) return { value, line };
  }
  return null;
}

/** CEUs and contact hours by their own labels: a number is never taken for the other. */
export function findAmounts(lines: readonly TextLine[]): Pick<ScannedFields, 'ceus' | 'contactHours'> {
  const ceus = amount(lines, CEU_WORDS);
  // "0.3 CEUs (3 contact hours)": both are printed; both are reported.
  const hours = amount(
    lines.map((l) => ({
      ...l,
      text: l.text.replace(new RegExp(`${NUMBER}\\s*${BODY}${CEU_WORDS}|${CEU_WORDS}\\s*:?\\s*${NUMBER}`, 'giu'), ' '),
    })),
    HOUR_WORDS,
  );
  return {
    ceus: ceus ? field(ceus.value, LABELLED, ceus.line) : null,
    contactHours: hours ? field(hours.value, LABELLED, hours.line) : null,
  };
}

const CODE_TOKEN = /^#?\s*([A-Z0-9][A-Z0-9./-]{1,30})(?![\p{L}\p{N}])/iu;

export function findApprovalCode(lines: readonly TextLine[]): ScannedField<string> | null {
  for (const value of valuesAfter(lines, 'code')) {
    const token = CODE_TOKEN.exec(value.text)?.[1];
    if (token && /\d/.test(token)) return field(token, value.label.strength >= 2 ? LABELLED : PATTERN, value.line);
  }
  // "NASM Approved Provider course #PB-2026-114", "CEP #12345"
  for (const line of lines) {
    if (!APPROVAL_CONTEXT.test(line.text)) continue;
    const token = /(?:course|approval|CEP|provider)\s*(?:#|no\.?|number|code)\s*:?\s*([A-Z0-9][A-Z0-9./-]{1,30})/i.exec(line.text)?.[1];
    if (token && /\d/.test(token)) return field(token, PATTERN, line);
  }
  return null;
}

const APPROVING_BODIES =
  '(?:NASM|National Academy of Sports Medicine|ACE|American Council on Exercise|AFAA|NSCA|ACSM|ISSA|NCSF|NFPT|NCCPT)';

/** The approval the certificate states: a NASM course, an approved provider's course, or one to petition. */
export function findApproval(lines: readonly TextLine[], provider: string | null): ScannedField<ScannedApproval> | null {
  const text = lines.map((l) => l.text).join(' ');
  if (/\b(not (?:pre-?)?approved|submit(?:ted)? (?:it )?(?:by|for|through) petition|by petition only|petition)\b/i.test(text))
    return field('petition', PATTERN);
  const stated = new RegExp(
    `\\b(?:${APPROVING_BODIES}[\\s-]+(?:approved|accredited|pre-?approved)|(?:approved|accredited|pre-?approved)\\s+(?:by|for)\\b[^\\n]{0,60}?\\b${APPROVING_BODIES}\\b|${APPROVING_BODIES}\\s+(?:approved\\s+)?(?:continuing education\\s+)?provider\\b|\\bCEP\\s*(?:#|no|number))`,
    'i',
  );
  if (provider && fold(provider) === fold('National Academy of Sports Medicine')) {
    const line = lines.find((l) => fold(l.text).includes(fold(provider)));
    return field('nasm', stated.test(text) ? LABELLED : PATTERN, line);
  }
  const line = lines.find((l) => stated.test(l.text));
  if (line || stated.test(text)) return field('approved-provider', LABELLED, line);
  if (/\b(?:approved provider|accredited provider)\b/i.test(text)) return field('approved-provider', PATTERN);
  return null;
}

// ---------------------------------------------------------------- CPR/AED cards

export function findCardFacts(lines: readonly TextLine[]): Pick<ScannedFields, 'adultCpr' | 'aed' | 'handsOn'> {
  // A sentence may wrap: the card's text is read as one.
  const text = lines.map((l) => l.text).join(' ');
  const yes = (stated: boolean) => (stated ? field(true, PATTERN) : null);
  const onlineOnly = /\b(online[- ]only|online course only|no (?:hands-on )?skills|without (?:a )?(?:hands-on )?skills)\b/i.test(text);
  const handsOn =
    /\b(hands-on|skills?\s+(?:sessions?|checks?|tests?|evaluations?|practice|assessments?)|in[- ]person|classroom|blended learning|instructor-led|presencial)\b/i.test(
      text,
    );
  return {
    adultCpr: yes(/\badult\b.{0,40}\bCPR\b|\bCPR\b.{0,20}\badult\b|\bBLS\b|\bbasic life support\b|\bRCP\b.{0,20}\badultos?\b/i.test(text)),
    aed: yes(/\b(AED|DEA)\b/.test(text)),
    handsOn: onlineOnly ? field(false, PATTERN) : yes(handsOn),
  };
}

// ---------------------------------------------------------------- transcripts

const NONE: ScannedFields = {
  name: null,
  title: null,
  provider: null,
  completed: null,
  ceus: null,
  contactHours: null,
  approvalCode: null,
  approval: null,
  expires: null,
  adultCpr: null,
  aed: null,
  handsOn: null,
};

function rowsOf(lines: readonly TextLine[]): TextLine[][] {
  const rows: TextLine[][] = [];
  for (const line of lines) {
    const row = rows[rows.length - 1];
    if (row?.[0] && sameRow(row[0], line)) row.push(line);
    else rows.push([line]);
  }
  return rows;
}

const NUMBER_CELL = /^(\d{1,3}(?:[.,]\d{1,3})?)\s*(CEUs?|CECs?|contact hours?|hours?|hrs?|h|horas)?$/i;

/** A transcript's table: rows with a title, one date and an amount, under a header naming the amount. */
function tableCourses(lines: readonly TextLine[], order: DateOrder, approval: ScannedField<ScannedApproval> | null): ScannedFields[] {
  const rows = rowsOf(lines);
  const courses: ScannedFields[] = [];
  let header: TextLine[] | null = null;
  for (const row of rows) {
    const text = row.map((c) => c.text).join(' ');
    if (row.length >= 2 && labelsIn(text).some((l) => l.kind === 'amount') && findDates(text, order).length === 0) {
      header = row;
      continue;
    }
    if (row.length < 3 || /\b(total|totales)\b/i.test(text)) continue;
    const dates = row.flatMap((c) => findDates(c.text, order).map((d) => ({ d, c })));
    const dated = dates[0];
    if (dates.length !== 1 || !dated || dated.d.monthOnly) continue;
    const amountCell = row.find((c) => c !== dated.c && NUMBER_CELL.test(c.text.trim()));
    if (!amountCell) continue;
    const under = (cell: TextLine) => header?.find((h) => overlaps(h, cell) || Math.abs(h.x - cell.x) < cell.height * 2);
    const codeCell = row.find(
      (c) =>
        c !== dated.c &&
        c !== amountCell &&
        /^[A-Z]{2,}[\s-]?\d{2,}[A-Z0-9-]*$|^\d{3,}[A-Z0-9-]*$/.test(c.text.trim()) &&
        (!header || /\b(code|#|id|number|no|course)\b/i.test(under(c)?.text ?? 'code')),
    );
    const providerCell = row.find((c) => /\bprovider|sponsor|proveedor\b/i.test(under(c)?.text ?? '') && c !== dated.c);
    const titleCell = row
      .filter((c) => c !== dated.c && c !== amountCell && c !== codeCell && c !== providerCell && /\p{L}{3}/u.test(c.text))
      .sort((a, b) => b.text.length - a.text.length)[0];
    if (!titleCell) continue;
    const raw = NUMBER_CELL.exec(amountCell.text.trim());
    const value = Number((raw?.[1] ?? '').replace(',', '.'));
    const unit = `${raw?.[2] ?? ''} ${under(amountCell)?.text ?? ''}`;
    const isHours = /\b(hours?|hrs?|h|horas)\b/i.test(unit) && !/\b(CEUs?|CECs?)\b/i.test(raw?.[2] ?? '');
    const isCeus = /\b(CEUs?|CECs?|credits?|cr[eé]ditos)\b/i.test(unit);
    if (!(value > 0) || (!isHours && !isCeus)) continue;
    courses.push({
      ...NONE,
      title: field(clean(titleCell.text), LABELLED, titleCell),
      completed: field(dated.d.date, LABELLED, dated.c),
      ceus: isHours ? null : field(value, LABELLED, amountCell),
      contactHours: isHours ? field(value, LABELLED, amountCell) : null,
      approvalCode: codeCell ? field(clean(codeCell.text), LABELLED, codeCell) : null,
      provider: providerCell ? field(clean(providerCell.text), LABELLED, providerCell) : null,
      approval,
    });
  }
  return courses;
}

/** A transcript written as blocks ("Course: …", "Completed: …", "CEUs: …" for each course). */
function blockCourses(lines: readonly TextLine[], order: DateOrder, approval: ScannedField<ScannedApproval> | null): ScannedFields[] {
  const starts = lines.flatMap((line, i) =>
    labelsIn(line.text).some((l) => l.kind === 'title' && l.strength >= 2 && l.index <= 1) &&
    /^[^:]{2,30}:/.test(line.text.trim() + (labelOnly(line) ? ':' : ''))
      ? [i]
      : [],
  );
  if (starts.length < 2) return [];
  const courses: ScannedFields[] = [];
  for (const [n, start] of starts.entries()) {
    const block = lines.slice(start, starts[n + 1] ?? lines.length);
    const title = findTitle(block, null, null);
    const completed = findCompleted(block, order);
    const amounts = findAmounts(block);
    if (!title || !completed || (!amounts.ceus && !amounts.contactHours)) return [];
    courses.push({ ...NONE, title, completed, ...amounts, approvalCode: findApprovalCode(block), approval });
  }
  return courses;
}

// ---------------------------------------------------------------- everything

/** Dot leaders ("Name ........ Dana Rivera"), blanks to sign on, and table rules are not text. */
function tidy(lines: readonly TextLine[]): TextLine[] {
  return lines
    .map((l) => ({
      ...l,
      text: l.text
        .normalize('NFC')
        .replace(/\s*(?:[.·•…]\s*){3,}\s*/g, ' ')
        .replace(/_{2,}/g, ' ')
        .replace(/\s*\|\s*/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    }))
    .filter((l) => l.text !== '');
}

export interface FoundFields {
  document: ScannedDocument;
  fields: ScannedFields;
  courses?: ScannedFields[];
}

export function findFields(raw: readonly TextLine[]): FoundFields {
  const lines = tidy(raw);
  const document = documentKind(lines);
  // Not a certificate: nothing is proposed, so nothing is pre-filled wrongly.
  if (document === 'unknown') return { document, fields: NONE };
  const order = dateOrder(lines.map((l) => l.text).join('\n'));
  const name = findName(lines);
  const provider = findProvider(lines, document);
  if (document === 'cpr-aed-card') {
    const completed = findCompleted(lines, order);
    return {
      document,
      fields: { ...NONE, name, provider, completed, expires: findExpires(lines, order, completed?.value ?? null), ...findCardFacts(lines) },
    };
  }
  const approval = findApproval(lines, provider?.value ?? null);
  const table = tableCourses(lines, order, approval);
  const courses = table.length >= 2 ? table : blockCourses(lines, order, approval);
  if (courses.length >= 2) {
    return {
      document: 'transcript',
      fields: { ...NONE, name, provider },
      courses: courses.map((c) => ({ ...c, name, provider: c.provider ?? provider })),
    };
  }
  return {
    document,
    fields: {
      ...NONE,
      name,
      provider,
      title: findTitle(lines, name?.value ?? null, provider?.value ?? null),
      completed: findCompleted(lines, order),
      ...findAmounts(lines),
      approvalCode: findApprovalCode(lines),
      approval,
    },
  };
}
