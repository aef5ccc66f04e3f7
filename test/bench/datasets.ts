// The two kinds of records every records figure is measured on: Recert's own generator's, and
// another tool's shape (foreign.ts), so that no figure holds only on data made to fit the code.
import { foreignRecords } from './foreign';
import { gymRecords } from './gym';

export interface DataSet {
  name: string;
  records: (options: { people: number; coursesPerPerson: number }) => ReturnType<typeof gymRecords> | ReturnType<typeof foreignRecords>;
}

export const dataSets: readonly DataSet[] = [
  { name: 'gym (Recert-made)', records: gymRecords },
  { name: 'foreign (another shape)', records: foreignRecords },
];
