// `recert intake`: the files read several at once (one per OCR worker), proposed in their order, then the sure ones filed together (one
// transaction), unless it is a dry run. The app's inbox files through the same propose and apply.
import { basename } from 'node:path';
import type { ContentStore } from '../attachments/file-store';
import type { IntakeFileReport, IntakeReport } from '../domain/intake';
import type { Repositories } from '../store';
import { fileAccepted, type Accepted } from './apply';
import { mapInOrder } from './in-order';
import { propose, type IntakeRead, type Pending, type Proposal } from './propose';
import { readIntakePath } from './read';
import { readCertificateFile } from '../scan/bounds';
import { ocrWorkerCount } from '../scan/ocr-workers';
import { summarize } from './summary';
import type { FoundFile } from './walk';

export interface RunOptions {
  store: Repositories;
  files: ContentStore;
  today: string;
  dryRun: boolean;
  write: <T>(change: () => T) => T;
  release: (hashes: Iterable<string>) => void;
  /** Told before each file is read (a progress line). */
  onFile?: (file: FoundFile, index: number, total: number) => void;
  /** Told when a file has been read, in the order the reads end. */
  onRead?: (file: FoundFile, index: number, total: number) => void;
  /** How many files are read at once: by default one per OCR worker. */
  readers?: number;
}

export interface RunResult extends IntakeReport {
  proposals: Proposal[];
  /** Each file as it was read, beside its proposal, in the order found. */
  reads: { path: string; read: IntakeRead; proposal: Proposal }[];
}

export async function runIntake(found: readonly FoundFile[], options: RunOptions): Promise<RunResult> {
  const { store, files, today } = options;
  const pending: Pending = new Map();
  const proposals: Proposal[] = [];
  const reads = new Map<Proposal, FoundFile>();
  const isStored = (sha: string): boolean => store.attachments.findBySha(sha) !== undefined;
  const read = await mapInOrder(found, options.readers ?? ocrWorkerCount(), async (file, i) => {
    options.onFile?.(file, i, found.length);
    const done = await readIntakePath(file.file, file.path, { isStored });
    options.onRead?.(file, i, found.length);
    return done;
  });
  for (const [i, file] of found.entries()) {
    const proposal = propose(read[i] as IntakeRead, { store, today, pending });
    proposals.push(proposal);
    reads.set(proposal, file);
    // Two copies of one file in the same intake: the second is said to be the first, never filed twice.
    const earlier = proposals.find((p) => p !== proposal && p.report.sha256 !== null && p.report.sha256 === proposal.report.sha256);
    if (earlier) {
      proposal.report.status = 'skipped';
      proposal.report.reason = `It is the same file as ${earlier.report.file}, earlier in this intake.`;
      proposal.sure = false;
    }
  }
  const accepted = proposals.filter((p) => p.sure && p.planned.length > 0);
  if (!options.dryRun && accepted.length > 0) {
    const items: Accepted[] = accepted.map((p) => {
      const file = reads.get(p);
      if (!file || p.report.sha256 === null || p.mediaType === null) throw new Error('an accepted proposal without its file');
      return {
        fileName: basename(file.path),
        sha256: p.report.sha256,
        mediaType: p.mediaType,
        size: p.size,
        bytes: () => readCertificateFile(file.path),
        planned: p.planned,
      };
    });
    const filed = fileAccepted(items, store, files, options.write, options.release);
    for (const [i, p] of accepted.entries()) {
      p.report.status = 'applied';
      p.report.records = p.report.records.map((r, j) => ({ ...r, id: filed.ids[i]?.[j] ?? null }));
    }
  }
  const reports: IntakeFileReport[] = proposals.map((p) => p.report);
  const kept = found.map((file, i) => ({ path: file.path, read: read[i] as IntakeRead, proposal: proposals[i] as Proposal }));
  return { files: reports, summary: summarize(reports), proposals, reads: kept };
}
