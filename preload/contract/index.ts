// THE API between the renderer and the main process: every method once, with its input schema and
// its result type, one file per feature merged here. Main parses every input with these schemas
// (inputs arrive as `unknown`); the renderer reuses them for instant form feedback; the preload and
// browser mode expose exactly these names. The record and view types come from main/core/domain,
// which belongs to no runtime; nothing here imports electron.
import type { z } from 'zod';
import type { Result } from '../../main/core/domain/result';
import { methodNames } from '../method-names';
import { attachmentsContract } from './attachments';
import { cprAedContract } from './cpr-aed';
import { coursesContract } from './courses';
import { credentialsContract } from './credentials';
import { evaluationContract } from './evaluation';
import { packetContract } from './packet';
import { peopleContract } from './people';
import { settingsContract } from './settings';
import { backupsContract } from './backups';
import { remindersContract } from './reminders';
import { teamContract } from './team';
import { teamFolderContract } from './team-folder';
import { transferContract } from './transfer';
import { scanContract } from './scan';
import { intakeContract } from './intake';

export * from '../../main/core/domain/records';
export type * from '../../main/core/domain/views';
export type * from '../../main/core/domain/team';
export type * from '../../main/core/domain/team-folder';
export type * from '../../main/core/domain/reminders';
export type * from '../../main/core/domain/scan';
export type * from '../../main/core/domain/intake';
export type { ApiError, ErrorCode, Result } from '../../main/core/domain/result';
export { issuePath, NOT_A_DATE } from '../../main/core/domain/fields';
export { teamSortColumns } from '../../main/core/domain/team';

type Features = [
  typeof peopleContract,
  typeof credentialsContract,
  typeof coursesContract,
  typeof cprAedContract,
  typeof attachmentsContract,
  typeof evaluationContract,
  typeof packetContract,
  typeof settingsContract,
  typeof teamContract,
  typeof teamFolderContract,
  typeof remindersContract,
  typeof backupsContract,
  typeof transferContract,
  typeof scanContract,
  typeof intakeContract,
];

/** Two features naming the same method would silently shadow one another: make that a type error. */
type Overlap<A, B> = Extract<keyof A, keyof B>;
type NoDuplicates<T extends unknown[], Seen = object> = T extends [infer Head, ...infer Rest]
  ? [Overlap<Head, Seen>] extends [never]
    ? NoDuplicates<Rest, Seen & Head>
    : { duplicate: Overlap<Head, Seen> }
  : true;
const featuresAreDisjoint: NoDuplicates<Features> = true;
void featuresAreDisjoint;

export const contract = {
  ...peopleContract,
  ...credentialsContract,
  ...coursesContract,
  ...cprAedContract,
  ...attachmentsContract,
  ...evaluationContract,
  ...packetContract,
  ...settingsContract,
  ...teamContract,
  ...teamFolderContract,
  ...remindersContract,
  ...backupsContract,
  ...transferContract,
  ...scanContract,
  ...intakeContract,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export { methodNames };

// Compile-time proof that method-names.ts lists exactly the contract's methods.
type ListedName = (typeof methodNames)[number];
const everyMethodListed: [Exclude<MethodName, ListedName>, Exclude<ListedName, MethodName>] extends [never, never] ? true : false = true;
void everyMethodListed;

export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type ResultOf<M extends MethodName> = Contract[M]['result'];

/** The object the preload (and browser mode) put on `window.recert`. */
export type RecertApi = { [M in MethodName]: (input: InputOf<M>) => Promise<Result<ResultOf<M>>> };

export { validationError } from './validation';
