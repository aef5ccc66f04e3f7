import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPacket, PacketCancelled, writePacket } from '../../../main/core/packet/build';
import type { PacketPlan } from '../../../main/core/packet/plan';
import { planFromRecords } from '../../../main/core/packet/sources';
import { readRecordsFile } from '../../../main/core/records-file/parse';
import { projectRoot, tempDir } from '../../helpers/context';
import { orientedJpeg, writePacketFixture, type PacketFixture } from '../../helpers/packet-fixtures';
import { shippedRuleSets } from '../../helpers/rules';

const fontDir = join(projectRoot, 'resources/fonts');
let dir: string;
let fixture: PacketFixture;
let plan: PacketPlan;
let pdfPath: string;
let pageTexts: string[];
let pageCount: number;

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function pdftotext(path: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', [...range, '-layout', path, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  dir = tempDir('recert-packet-');
  fixture = await writePacketFixture(dir);
  const parsed = readRecordsFile(fixture.recordsFile, new Set(shippedRuleSets.map((r) => r.id)));
  plan = planFromRecords(parsed, shippedRuleSets, 'p1', 'c1', '2027-04-15', '2027-04-20');
  pdfPath = join(dir, 'packet.pdf');
  await writePacket(plan, pdfPath, { fontDir });
  pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))?.[1]);
  pageTexts = Array.from({ length: pageCount }, (_, i) => pdftotext(pdfPath, i + 1));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the audit packet, read back with real PDF readers', () => {
  it('passes qpdf --check', () => {
    const result = spawnSync('qpdf', ['--check', pdfPath], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No syntax or stream encoding errors found');
  });

  it("has the cover, summary, attestation and manifest pages plus every exhibit's pages", () => {
    const firstExhibitPage = pageTexts.findIndex((text) => text.includes('Exhibit 1 — Corrective Exercise Specialist — page 1 of 2'));
    const front = pageTexts.slice(0, firstExhibitPage);
    expect(front[0]).toContain('Continuing-education audit packet');
    expect(front.some((t) => t.includes('Summary of courses'))).toBe(true);
    expect(front.some((t) => t.includes('Attestation'))).toBe(true);
    expect(front.some((t) => t.includes('Manifest of exhibit files'))).toBe(true);
    expect(front.length).toBe(4);
    expect(pageCount).toBe(front.length + fixture.exhibitPages.reduce((a, b) => a + b, 0));
  });

  it('finds every course title, the non-Latin names and the totals', () => {
    const text = pdftotext(pdfPath);
    for (const title of fixture.titles) expect(text).toContain(title);
    expect(text).toContain('Zoë Łukasik-Straße');
    expect(text).toContain('北京体育学院');
    expect(text).toContain('أكاديمية');
    expect(text).toContain('2.2 / 1.9');
    expect(text).toContain('0.1 / 0.1');
    expect(text).toContain('2.3 / 2.0');
    expect(text).toContain('Completed before the');
  });

  it('lists every exhibit file with its full SHA-256 on the manifest page and in manifest.json', () => {
    const text = pdftotext(pdfPath);
    const certs = readdirSync(join(dir, 'certs'));
    expect(certs).toHaveLength(8);
    for (const file of certs) expect(text).toContain(sha256(join(dir, 'certs', file)));
    const out = join(dir, 'attachments');
    mkdirSync(out, { recursive: true });
    execFileSync('pdfdetach', ['-saveall', '-o', out, pdfPath]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      exhibits: { exhibit: number; fileName: string; size: number; sha256: string }[];
    };
    expect(manifest.exhibits.map((e) => e.fileName)).toEqual([
      'ces.pdf',
      'nutrition.jpg',
      'arabic.png',
      'mobility.heic',
      'kettlebell.pdf',
      'youth.pdf',
      'senior.pdf',
      'cpr-card.jpg',
    ]);
    for (const e of manifest.exhibits) expect(e.sha256).toBe(sha256(join(dir, 'certs', e.fileName)));
  });

  it('stamps every exhibit page and puts "Page X of Y" on every page', () => {
    pageTexts.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pageCount}`));
    // Loose between the number and "page": text extraction reorders the right-to-left title.
    const stamps = pageTexts.map((t) => /Exhibit (\d+) —.*page (\d+) of (\d+)/.exec(t)?.slice(1).join('/')).filter(Boolean);
    expect(stamps).toEqual(['1/1/2', '1/2/2', '2/1/1', '3/1/1', '4/1/1', '5/1/1', '6/1/1', '7/1/1', '8/1/1']);
  });

  it('imports PDF pages whole, including a PDF with only an owner password', () => {
    expect(pageTexts.find((t) => t.includes('Exhibit 1 —') && t.includes('page 2 of 2'))).toContain(
      'Corrective Exercise Specialist — certificate page 2 of 2',
    );
    const senior = pageTexts.find((t) => t.includes('Exhibit 7 —'));
    expect(senior).toContain('Senior Fitness Seminar — certificate page 1 of 1');
    expect(senior).not.toContain('could not be shown');
  });

  it('gives a damaged PDF and one locked with a user password a placeholder page, and attaches the file itself', () => {
    const damaged = pageTexts.find((t) => t.includes('Exhibit 5 —'));
    expect(damaged).toContain('Exhibit 5 could not be shown as a page');
    expect(damaged).toContain('damaged');
    expect(damaged).toContain(sha256(join(dir, 'certs/kettlebell.pdf')));
    const locked = pageTexts.find((t) => t.includes('Exhibit 6 —'));
    expect(locked).toContain('locked with a password');
    expect(locked).toContain('youth.pdf');
    const list = execFileSync('pdfdetach', ['-list', pdfPath], { encoding: 'utf8' });
    expect(list).toContain('kettlebell.pdf');
    expect(list).toContain('youth.pdf');
    expect(list).not.toContain('senior.pdf');
    const out = join(dir, 'attachments');
    expect(sha256(join(out, 'youth.pdf'))).toBe(sha256(join(dir, 'certs/youth.pdf')));
    expect(sha256(join(out, 'kettlebell.pdf'))).toBe(sha256(join(dir, 'certs/kettlebell.pdf')));
  });

  it('embeds JPEG photos byte for byte (no re-encoding)', () => {
    const packet = readFileSync(pdfPath);
    expect(packet.indexOf(readFileSync(join(dir, 'certs/nutrition.jpg')))).toBeGreaterThan(0);
    expect(packet.indexOf(readFileSync(join(dir, 'certs/cpr-card.jpg')))).toBeGreaterThan(0);
  });

  it('honours EXIF orientation: a photo stored sideways (orientation 6) is shown upright', () => {
    const page = pageTexts.findIndex((t) => t.includes('Exhibit 2 —')) + 1;
    const prefix = join(dir, 'exhibit2');
    execFileSync('pdftoppm', ['-png', '-r', '30', '-f', String(page), '-l', String(page), '-singlefile', pdfPath, prefix]);
    const png = PNG.sync.read(readFileSync(`${prefix}.png`));
    const red = (x: number, y: number) => {
      const i = (Math.floor(y) * png.width + Math.floor(x)) * 4;
      return (png.data[i] ?? 0) > 180 && (png.data[i + 1] ?? 255) < 90;
    };
    // Stored: 600×400 with a red block at the top-left. Turned a quarter clockwise it is a tall
    // picture whose red block sits at the top-right; nothing red at the top-left.
    const redPixels: [number, number][] = [];
    for (let y = 0; y < png.height; y += 2) for (let x = 0; x < png.width; x += 2) if (red(x, y)) redPixels.push([x, y]);
    const xs = redPixels.map(([x]) => x);
    const ys = redPixels.map(([, y]) => y);
    expect(redPixels.length).toBeGreaterThan(20);
    expect(Math.min(...xs)).toBeGreaterThan(png.width / 2);
    expect(Math.max(...ys)).toBeLessThan(png.height / 2);
  });

  it('converts a HEIC photo and shows it as a page', () => {
    const heic = pageTexts.find((t) => t.includes('Exhibit 4 —'));
    expect(heic).toContain('Mobility Coach Workshop');
    expect(heic).not.toContain('could not be shown');
  });

  it('has bookmarks for every section and every exhibit', () => {
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', pdfPath], { encoding: 'utf8' })) as {
      outlines: { title: string; kids: { title: string }[] }[];
    };
    expect(json.outlines.map((o) => o.title)).toEqual([
      'Cover',
      'Summary of courses',
      'Attestation',
      'Manifest of exhibit files',
      'Exhibits',
    ]);
    expect(json.outlines[4]?.kids.map((k) => k.title)).toHaveLength(8);
    expect(json.outlines[4]?.kids[1]?.title).toBe('Exhibit 2 — 运动营养基础');
  });
});

describe('writing the packet', () => {
  it('a cancelled export leaves no file, not even a temporary one', async () => {
    const out = tempDir('recert-cancel-');
    const controller = new AbortController();
    const target = join(out, 'packet.pdf');
    await expect(
      writePacket(plan, target, {
        fontDir,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done === 3) controller.abort();
        },
      }),
    ).rejects.toBeInstanceOf(PacketCancelled);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(out)).toEqual([]);
    rmSync(out, { recursive: true, force: true });
  });

  it('reports one progress step per exhibit, checked and added', async () => {
    const messages: string[] = [];
    await buildPacket(
      { ...plan, exhibits: plan.exhibits.slice(0, 2) },
      { fontDir, onProgress: (p) => messages.push(`${p.done}/${p.total} ${p.message}`) },
    );
    expect(messages).toEqual([
      '1/6 Checked exhibit 1 of 2: ces.pdf',
      '2/6 Checked exhibit 2 of 2: nutrition.jpg',
      '3/6 Drew the cover, summary, attestation and manifest',
      '4/6 Added exhibit 1 of 2: ces.pdf',
      '5/6 Added exhibit 2 of 2: nutrition.jpg',
      '6/6 Saved the packet',
    ]);
  });

  it('builds a packet for a credential with no certificates at all', async () => {
    const bytes = await buildPacket(
      { ...plan, exhibits: [], courses: plan.courses.map((a) => ({ ...a, exhibits: [] })), cprAed: null },
      { fontDir },
    );
    const out = join(dir, 'empty.pdf');
    execFileSync('tee', [out], { input: Buffer.from(bytes) });
    expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);
    expect(pdftotext(out)).toContain('No certificate files are attached');
  });

  it('every EXIF orientation lands upright', async () => {
    const { fit } = await import('../../../main/core/packet/exhibits');
    const { orientationMatrix } = await import('../../../main/core/packet/jpeg');
    // The stored top-left pixel (image space p=0, q=1) must land where each orientation puts it.
    const where = (o: number) => {
      const box = fit({ x: 0, y: 0, width: 100, height: 100 }, 100, 100);
      const [a, b, c, d, e, f] = orientationMatrix(o, box.x, box.y, box.width, box.height);
      return [a * 0 + c * 1 + e, b * 0 + d * 1 + f];
    };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(where)).toEqual([
      [0, 100], // 1: top-left stays top-left
      [100, 100], // 2: mirrored: top-right
      [100, 0], // 3: turned 180°: bottom-right
      [0, 0], // 4: flipped: bottom-left
      [0, 100], // 5: transposed: top-left
      [100, 100], // 6: turned 90° clockwise: top-right
      [100, 0], // 7: transverse: bottom-right
      [0, 0], // 8: turned 90° anticlockwise: bottom-left
    ]);
    expect(orientedJpeg(8, 8, 3).length).toBeGreaterThan(100);
  });
});
