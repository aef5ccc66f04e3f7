// The two pieces a backup is made of: the copy that hashes on two threads, and the hand-written ZIP
// records around it — checked by yauzl (which restore uses) and by Info-ZIP's `unzip -t`, which
// recomputes every CRC-32, including with ZIP64 fields forced on small files.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { openAppContext } from '../../../main/app-context';
import { DamagedSourceError, prepareCopy, type CopyJob } from '../../../main/core/backup/copy-hashed';
import { restoreBackup } from '../../../main/core/backup/restore';
import { writeBackup } from '../../../main/core/backup/write';
import { ZIP_LIMITS } from '../../../main/core/backup/zip-stored';
import { resourcesDir, tempDir } from '../../helpers/context';
import { valueNow } from '../../helpers/results';
import { seed, tinyPdf } from '../../helpers/seed';

let dir: string;
beforeAll(() => {
  dir = tempDir('recert-zip-copy-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function entriesOf(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, strictFileNames: true });
  const found = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    found.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return found;
}

describe('copying with hashes', () => {
  it('copies 40 files (24 MB, enough for the second thread) into one file and into new files, with the right SHA-256 and CRC-32', async () => {
    const sources = join(dir, 'sources');
    mkdirSync(sources);
    const contents = Array.from({ length: 40 }, (_, i) => randomBytes(i === 0 ? 5_000_000 : 100_000 + i * 12_000));
    contents.forEach((bytes, i) => writeFileSync(join(sources, `f${i}`), bytes));
    // Into one file at given offsets (as a backup does) ...
    const joined = join(dir, 'joined');
    writeFileSync(joined, '');
    let offset = 0;
    const intoOne: CopyJob[] = contents.map((bytes, i) => {
      const job = { from: join(sources, `f${i}`), fromOffset: 0, size: bytes.length, to: joined, toOffset: offset, create: false };
      offset += bytes.length + 7;
      return job;
    });
    const copier = prepareCopy();
    try {
      // A thread still starting when this one has copied everything would take no share at all.
      if (availableParallelism() >= 2) expect(await copier.ready()).toBe(true);
      const results = await copier.copy(intoOne, { crc32: true });
      // The second thread (the built main/copy-worker.ts) took its share.
      if (availableParallelism() >= 2) expect(copier.workerJobs).toBeGreaterThan(0);
      expect(results.map((r) => r.sha256)).toEqual(contents.map(sha256));
      expect(results.map((r) => r.crc32)).toEqual(contents.map((bytes) => crc32(bytes)));
      const written = readFileSync(joined);
      intoOne.forEach((job, i) =>
        expect(written.subarray(job.toOffset, job.toOffset + job.size).equals(contents[i] ?? Buffer.alloc(0))).toBe(true),
      );
    } finally {
      await copier.close();
    }
    // ... and back out into new files in new folders (as a restore does).
    const out = join(dir, 'out');
    const again = prepareCopy();
    try {
      const results = await again.copy(
        intoOne.map((job, i) => ({
          from: joined,
          fromOffset: job.toOffset,
          size: job.size,
          to: join(out, `d${i % 3}`, `f${i}`),
          toOffset: 0,
          create: true,
        })),
        { crc32: false },
      );
      expect(results.map((r) => r.sha256)).toEqual(contents.map(sha256));
      expect(results.every((r) => r.crc32 === 0)).toBe(true);
      contents.forEach((bytes, i) => expect(readFileSync(join(out, `d${i % 3}`, `f${i}`)).equals(bytes)).toBe(true));
    } finally {
      await again.close();
    }
  });

  it('says a source is damaged when it ends early or has no entry header, and refuses to overwrite a file', async () => {
    const small = join(dir, 'small');
    writeFileSync(small, randomBytes(1000));
    const cases: [CopyJob, RegExp][] = [
      [{ from: small, fromOffset: 0, size: 2000, to: join(dir, 'short-out'), toOffset: 0, create: true }, /ends 1000 bytes early/],
      [
        { from: small, fromOffset: 0, size: 10, afterZipHeader: true, to: join(dir, 'header-out'), toOffset: 0, create: true },
        /has no entry header at byte 0/,
      ],
    ];
    for (const [job, message] of cases) {
      const copier = prepareCopy();
      try {
        const failure = await copier.copy([job], { crc32: false }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(DamagedSourceError);
        expect(String(failure)).toMatch(message);
      } finally {
        await copier.close();
      }
    }
    // On the second thread: this one is busy with a large file while the worker takes the short one.
    if (availableParallelism() >= 2) {
      const large = join(dir, 'large');
      writeFileSync(large, randomBytes(24 * 1024 * 1024));
      const copier = prepareCopy();
      try {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const failure = await copier
          .copy(
            [
              { from: large, fromOffset: 0, size: 24 * 1024 * 1024, to: join(dir, 'large-out'), toOffset: 0, create: true },
              { from: small, fromOffset: 0, size: 5000, to: join(dir, 'short-out-2'), toOffset: 0, create: true },
            ],
            { crc32: false },
          )
          .catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(DamagedSourceError);
        expect(String(failure)).toMatch(/ends 4000 bytes early/);
      } finally {
        await copier.close();
      }
    }
    const copier = prepareCopy();
    try {
      await expect(
        copier.copy([{ from: small, fromOffset: 0, size: 10, to: small, toOffset: 0, create: true }], { crc32: false }),
      ).rejects.toThrow(/EEXIST/);
    } finally {
      await copier.close();
    }
  });
});

describe('the ZIP of a backup', () => {
  let store: string;
  beforeAll(() => {
    store = join(dir, 'store');
    const context = openAppContext({ dataDir: store, resourcesDir });
    const s = seed(context);
    for (let i = 0; i < 12; i++)
      valueNow(
        context.dispatch('addAttachment', {
          owner: { kind: 'course', id: s.courseId },
          fileName: `scan-${i}.pdf`,
          contentBase64: Buffer.concat([tinyPdf, randomBytes(2_000_000)]).toString('base64'),
        }),
      );
    context.close();
  });

  for (const zip64 of [false, true]) {
    it(`passes unzip -t and yauzl, and restores${zip64 ? ', with ZIP64 fields forced from 1 MB' : ''}`, async () => {
      const context = openAppContext({ dataDir: store, resourcesDir });
      const file = join(dir, `backup-${zip64 ? 'zip64' : 'plain'}.zip`);
      const saved = ZIP_LIMITS.zip64From;
      if (zip64) ZIP_LIMITS.zip64From = 1_000_000;
      let certificates = 0;
      try {
        const manifest = await writeBackup({ db: context.store.db, attachmentsDir: join(store, 'attachments'), out: file });
        certificates = manifest.files.length - 1;
        expect(certificates).toBeGreaterThanOrEqual(12);
      } finally {
        ZIP_LIMITS.zip64From = saved;
        context.close();
      }
      const tested = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(tested.stdout, tested.stderr).toMatch(/No errors detected in compressed data/);
      const listed = spawnSync('zipinfo', ['-v', file], { encoding: 'utf8' }).stdout;
      if (zip64) expect(listed).toMatch(/Zip64/i);
      const entries = await entriesOf(file);
      expect([...entries.keys()].filter((name) => name.startsWith('attachments/'))).toHaveLength(certificates);
      for (const [name, bytes] of entries)
        if (name.startsWith('attachments/')) expect(sha256(bytes)).toBe(name.slice(name.lastIndexOf('/') + 1));
      const restored = join(dir, `restored-${zip64 ? 'zip64' : 'plain'}`);
      await restoreBackup({ file, dataDir: restored, replace: false, keepReplaced: () => Promise.resolve(null) });
      expect(readdirSync(join(restored, 'attachments')).length).toBeGreaterThan(0);
    });
  }
});
