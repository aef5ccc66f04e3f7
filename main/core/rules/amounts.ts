// One number format for every figure Recert shows: the CLI, the screens and the packet agree.
/** What printing a figure needs of a rule set: its unit's names and worth in contact hours. */
export interface UnitOf {
  unit: { singular: string; plural: string; perContactHour: { value: number } };
}

// English digit grouping ("7,098.05"), at most three decimals (amounts are exact in thousandths).
const wholeOrDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const atLeastTenths = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 3 });

/**
 * "1.9 CEUs", "2.0 CEUs", "0.075 CEUs", "9 CECs", "1 CEU", "7,098.05 CEUs": a body whose unit is a
 * tenth of a contact hour (NASM, ACE) prints at least one decimal, as its own pages do; hour-based
 * units (ACSM CECs, AFAA CEUs, ISSA hours) print whole numbers as whole numbers.
 */
export function formatFigure(value: number, ruleSet: UnitOf): string {
  const rounded = Math.round(value * 1000) / 1000;
  return (ruleSet.unit.perContactHour.value < 1 ? atLeastTenths : wholeOrDecimal).format(rounded);
}

/** "$25", "$250,000": a fee in whole dollars. */
export function formatFee(dollars: number): string {
  return `$${wholeOrDecimal.format(dollars)}`;
}

/** "American Council on Exercise (ACE)" → "ACE": the name a body goes by in a sentence. */
export function bodyShortName(body: string): string {
  return /\(([^()]+)\)\s*$/.exec(body)?.[1] ?? body;
}

/**
 * The petition fees owed, in words: "$50", or for a body that quotes no amount "processing fee set
 * by ACE for each petition" (never "$0"); null when nothing is owed.
 */
export function petitionFeesText(petitionFees: number | null, ruleSet: { body: string }): string | null {
  if (petitionFees === null) return `processing fee set by ${bodyShortName(ruleSet.body)} for each petition`;
  return petitionFees > 0 ? formatFee(petitionFees) : null;
}

/** A figure with its unit, singular or plural as English wants it. */
export function formatAmount(value: number, ruleSet: UnitOf): string {
  const unit = Math.round(value * 1000) === 1000 ? ruleSet.unit.singular : ruleSet.unit.plural;
  return `${formatFigure(value, ruleSet)} ${unit}`;
}

/** "1.5 / 1.9 CEUs". */
export function formatProgress(value: number, required: number, ruleSet: UnitOf): string {
  return `${formatFigure(value, ruleSet)} / ${formatFigure(required, ruleSet)} ${ruleSet.unit.plural}`;
}
