import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { it } from 'vitest';
import { projectRoot, tempDir } from '../helpers/context';
import { textPdf } from '../helpers/packet-fixtures';
import { median, report, reportRatio } from './report';

/** Noisy pixels so that JPEG and PNG sizes look like real photos and screenshots. */
function noise(width: number, height: number, seed: number, amplitude: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  let state = seed;
  for (let i = 0; i < width * height; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const base = 90 + ((i % width) * 120) / width;
    data[i * 4] = base + (state % amplitude);
    data[i * 4 + 1] = base + ((state >> 8) % amplitude);
    data[i * 4 + 2] = base + ((state >> 16) % amplitude);
    data[i * 4 + 3] = 255;
  }
  return data;
}

/** A copy with a JPEG comment segment, so that each photo is a distinct file with the same decode cost. */
function withComment(photo: Buffer, text: string): Buffer {
  const comment = Buffer.from(text, 'latin1');
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe, (comment.length + 2) >> 8, (comment.length + 2) & 0xff]), comment]);
  return Buffer.concat([photo.subarray(0, 2), segment, photo.subarray(2)]);
}

/** A "scanned" certificate: each page one large JPEG, as scanner software writes them. */
function scanPdf(pageImage: Buffer, pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage({ size: 'LETTER', margin: 0 });
    doc.image(pageImage, 0, 0, { width: 612, height: 792 });
  }
  doc.end();
  return done;
}

function timed(command: string, args: string[]): { ms: number; maxRssKb: number; stderr: string; status: number | null } {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', command, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const maxRssKb = Number(/MAXRSS (\d+)/.exec(result.stderr)?.[1] ?? 0);
  return { ms, maxRssKb, stderr: result.stderr, status: result.status };
}

type Certificate = { name: string; title: string };

/** Recert's own certificate set: 12-megapixel noise photos, PNG screenshots, pdfkit scans and text PDFs. */
async function recertMadeSet(certs: string): Promise<{ files: Certificate[]; photos: Buffer[] }> {
  const files: Certificate[] = [];
  // 20 phone photos of 3–5 MB: four distinct 12-megapixel pictures, each saved five times.
  const photos = [0, 1, 2, 3].map((seed) =>
    Buffer.from(jpeg.encode({ data: noise(4000, 3000, seed + 1, 30), width: 4000, height: 3000 }, 82 + seed * 2).data),
  );
  for (let i = 0; i < 20; i++) {
    const name = `photo-${i + 1}.jpg`;
    writeFileSync(join(certs, name), withComment(photos[i % 4] ?? Buffer.alloc(0), `photo ${i}`));
    files.push({ name, title: `Workshop ${i + 1} (phone photo)` });
  }
  // 5 PNG screenshots.
  for (let i = 0; i < 5; i++) {
    const png = new PNG({ width: 1440, height: 900 });
    noise(1440, 900, 50 + i, 6).copy(png.data);
    const name = `screenshot-${i + 1}.png`;
    writeFileSync(join(certs, name), PNG.sync.write(png));
    files.push({ name, title: `Webinar ${i + 1} (screenshot)` });
  }
  // 25 PDFs of 1–3 pages: 12 scans, 13 with text.
  const scanPage = Buffer.from(jpeg.encode({ data: noise(1275, 1650, 99, 30), width: 1275, height: 1650 }, 70).data);
  for (let i = 0; i < 25; i++) {
    const pages = (i % 3) + 1;
    const name = `certificate-${i + 1}.pdf`;
    writeFileSync(join(certs, name), i < 12 ? await scanPdf(scanPage, pages) : await textPdf(`Course ${i + 1}`, pages));
    files.push({ name, title: `Course ${i + 1} (PDF)` });
  }
  return { files, photos };
}

/** An APP1 Exif segment as phone cameras write it (orientation and camera model), after SOI. */
function withExif(photo: Buffer, model: string): Buffer {
  const text = Buffer.from(`${model}\0`, 'latin1');
  // A little-endian TIFF header with two entries: Orientation (1) and Model (ASCII at offset 38).
  const tiff = Buffer.alloc(38 + text.length);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(2, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(1, 18);
  tiff.writeUInt16LE(0x0110, 22);
  tiff.writeUInt16LE(2, 24);
  tiff.writeUInt32LE(text.length, 26);
  tiff.writeUInt32LE(38, 30);
  tiff.writeUInt32LE(0, 34);
  text.copy(tiff, 38);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([photo.subarray(0, 2), segment, photo.subarray(2)]);
}

/**
 * Certificates as other tools make them: full-size phone photos (4032 × 3024, Exif, five distinct
 * pictures at phone qualities), noisy PNGs of three colour types, and image-only scans that img2pdf
 * made from JPEG and PNG pages (one image per page, as scanner apps write them).
 */
function otherToolsSet(certs: string): { files: Certificate[]; photos: Buffer[] } {
  const files: Certificate[] = [];
  const photos = [0, 1, 2, 3, 4].map((seed) =>
    withExif(
      Buffer.from(jpeg.encode({ data: noise(4032, 3024, seed + 11, 48), width: 4032, height: 3024 }, 88 + seed * 2).data),
      `Phone ${seed}`,
    ),
  );
  for (let i = 0; i < 20; i++) {
    const name = `IMG_${4000 + i}.JPG`;
    writeFileSync(join(certs, name), withComment(photos[i % photos.length] ?? Buffer.alloc(0), `photo ${i}`));
    files.push({ name, title: `Workshop ${i + 1} (phone photo)` });
  }
  // Noisy PNGs: RGBA, RGB and grey, from screenshot to phone-camera size.
  const kinds = [
    { colorType: 6, width: 2532, height: 1170 },
    { colorType: 2, width: 1920, height: 1080 },
    { colorType: 0, width: 2480, height: 3508 },
  ] as const;
  for (let i = 0; i < 5; i++) {
    const kind = kinds[i % kinds.length] ?? kinds[0];
    const png = new PNG({ width: kind.width, height: kind.height });
    noise(kind.width, kind.height, 70 + i, 40).copy(png.data);
    const name = `Screenshot ${i + 1}.png`;
    writeFileSync(join(certs, name), PNG.sync.write(png, { colorType: kind.colorType }));
    files.push({ name, title: `Webinar ${i + 1} (screenshot)` });
  }
  // 25 image-only PDFs of 1–3 pages, made by img2pdf from 300-dpi JPEG and PNG scans.
  const jpegPage = join(certs, 'page.jpg');
  writeFileSync(jpegPage, Buffer.from(jpeg.encode({ data: noise(2550, 3300, 123, 36), width: 2550, height: 3300 }, 75).data));
  const pngPage = join(certs, 'page.png');
  const greyPage = new PNG({ width: 1700, height: 2200 });
  noise(1700, 2200, 321, 12).copy(greyPage.data);
  writeFileSync(pngPage, PNG.sync.write(greyPage, { colorType: 0 }));
  for (let i = 0; i < 25; i++) {
    const name = `scan_${String(i + 1).padStart(3, '0')}.pdf`;
    const page = i % 4 === 3 ? pngPage : jpegPage;
    execFileSync('img2pdf', ['--pagesize', 'Letter', '--output', join(certs, name), ...Array.from({ length: (i % 3) + 1 }, () => page)]);
    files.push({ name, title: `Course ${i + 1} (scan)` });
  }
  rmSync(jpegPage);
  rmSync(pngPage);
  return { files, photos };
}

const certificateSets = [
  { name: 'Recert-made certificates', make: recertMadeSet },
  { name: 'phone photos, noisy PNGs and img2pdf scans', make: otherToolsSet },
];

for (const set of certificateSets)
  it(`packet of 50 exhibits vs img2pdf + pdfunite, ${set.name}`, async () => {
    const dir = tempDir('recert-bench-packet-');
    try {
      const certs = join(dir, 'certs');
      mkdirSync(certs);
      const { files, photos } = await set.make(certs);
      const totalBytes = files.reduce((sum, f) => sum + statSync(join(certs, f.name)).size, 0);

      const records = {
        format: 'recert-records/1',
        people: [
          {
            id: 'p1',
            name: 'Bench Trainer',
            credentials: [{ id: 'c1', ruleSet: 'nasm-cpt', number: 'NASM-1', expires: '2027-03-31' }],
            activities: files.map((f, i) => ({
              id: `a${i}`,
              title: f.title,
              provider: 'NASM',
              approval: 'nasm',
              completed: '2026-01-15',
              ceus: 0.1,
              attachments: [{ file: `certs/${f.name}` }],
            })),
            cprAed: [],
          },
        ],
      };
      writeFileSync(join(dir, 'records.json'), JSON.stringify(records));

      // Baseline: the careful manual route. img2pdf turns the images into one PDF (JPEGs without
      // re-encoding), then pdfunite merges it with the certificate PDFs.
      const images = files.filter((f) => !f.name.endsWith('.pdf')).map((f) => join(certs, f.name));
      const pdfs = files.filter((f) => f.name.endsWith('.pdf')).map((f) => join(certs, f.name));
      // The baseline and the packet timed in turn, so that the machine's slow and fast moments fall on
      // both alike, each after `sync` (untimed), so that neither pays for the other's writes still
      // going to disk.
      const baselineRuns: number[] = [];
      const ourRuns: { ms: number; maxRssKb: number }[] = [];
      const ourMs: number[] = [];
      for (let run = 0; run < 3; run++) {
        spawnSync('sync');
        const imagesPdf = join(dir, 'images.pdf');
        const a = timed('img2pdf', ['--output', imagesPdf, ...images]);
        const b = timed('pdfunite', [...pdfs, imagesPdf, join(dir, 'baseline.pdf')]);
        if (a.status !== 0 || b.status !== 0) throw new Error(`baseline failed: ${a.stderr} ${b.stderr}`);
        baselineRuns.push(a.ms + b.ms);

        const out = join(dir, 'packet.pdf');
        spawnSync('sync');
        const result = timed(process.execPath, [
          join(projectRoot, 'bin/recert.js'),
          'packet',
          join(dir, 'records.json'),
          '--person',
          'p1',
          '--credential',
          'c1',
          '--out',
          out,
        ]);
        if (result.status !== 0) throw new Error(`recert packet failed: ${result.stderr}`);
        ourRuns.push(result);
        ourMs.push(result.ms);
      }
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'packet.pdf')], { encoding: 'utf8' }))?.[1]);
      const ours = median(ourRuns.map((r) => r.ms));
      const baseline = median(baselineRuns);
      const exhibitsMb = totalBytes / 1024 / 1024;

      const photoMb = photos.map((p) => (p.length / 1024 / 1024).toFixed(1)).join(', ');
      console.log(`BENCH packet, ${set.name}: 50 exhibits, ${exhibitsMb.toFixed(1)} MB of files (photos ${photoMb} MB), ${pages} pages`);
      report('recert packet (whole command)', ours, 'ms', 'reference', true);
      report('  baseline: img2pdf + pdfunite', baseline, 'ms', 'reference', true);
      reportRatio('  recert packet vs img2pdf + pdfunite', ourMs, baselineRuns, 0.45);
      const peaks = ourRuns.map((r) => r.maxRssKb / 1024);
      report(
        `  peak memory (max RSS, highest of ${peaks.length}; ${Math.min(...peaks).toFixed(0)}–${Math.max(...peaks).toFixed(0)} MiB)`,
        Math.max(...peaks),
        'MiB',
        '≤ 220 MiB',
        Math.max(...peaks) <= 220,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 1_800_000);
