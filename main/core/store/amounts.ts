// Amounts are stored as integers so that sums are exact (docs/rules.md): CEUs in thousandths,
// contact hours in hundredths. The contract has already limited the decimals.

export function toThousandths(value: number): number {
  return Math.round(value * 1000);
}

export function fromThousandths(value: number): number {
  return value / 1000;
}

export function toHundredths(value: number): number {
  return Math.round(value * 100);
}

export function fromHundredths(value: number): number {
  return value / 100;
}
