// Inputs found to break things, each refused as bad input with every problem named and nothing
// stored: what the store would refuse, amounts that round to nothing, control characters, lone
// surrogates and bytes that are not UTF-8.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshContext, projectRoot, rowCounts, tempDir } from '../../helpers/context';
import { seed } from '../../helpers/seed';

const contexts: ReturnType<typeof freshContext>[] = [];
afterEach(() => {
  for (const c of contexts.splice(0)) c.dispose();
});

function recordsWith(person: Record<string, unknown>, course: Record<string, unknown> = {}) {
  return {
    format: 'recert-records/1',
    people: [
      {
        id: 'p1',
        name: 'Dana Rivera',
        credentials: [{ id: 'c1', ruleSet: 'nasm-cpt', expires: '2027-03-31' }],
        activities: [{ id: 'a1', title: 'Course', provider: 'NASM', approval: 'nasm', completed: '2026-02-01', ceus: 1, ...course }],
        cprAed: [],
        ...person,
      },
    ],
  };
}

describe('recert import refuses what the store would refuse, as bad input (exit 2), nothing imported', () => {
  it.each([
    ['an e-mail that is not one', recordsWith({ email: 'nope' }), 'people[0].email: must be an e-mail address'],
    ['an empty employee ID', recordsWith({ employeeId: '' }), 'people[0].employeeId: must not be empty'],
    [
      'an empty certification number',
      {
        ...recordsWith({}),
        people: [{ ...recordsWith({}).people[0], credentials: [{ id: 'c1', ruleSet: 'nasm-cpt', number: '  ', expires: '2027-03-31' }] }],
      },
      'people[0].credentials[0].number: must not be empty',
    ],
    ['an empty approval code', recordsWith({}, { approvalCode: '' }), 'people[0].activities[0].approvalCode: must not be empty'],
    ['an amount that rounds to nothing', recordsWith({}, { ceus: 1e-10 }), 'people[0].activities[0].ceus: must be at least 0.001 CEUs'],
    [
      'a title starting with NUL',
      recordsWith({}, { title: '\u0000Course' }),
      'people[0].activities[0].title: must not contain control characters',
    ],
    ['a lone surrogate in a name', recordsWith({ name: 'Dana \ud800 Rivera' }), 'people[0].name: must not contain control characters'],
  ])('%s', (_name, records, message) => {
    const dir = tempDir('recert-hostile-');
    const file = join(dir, 'records.json');
    writeFileSync(file, JSON.stringify(records));
    mkdirSync(join(dir, 'data'));
    const result = spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), 'import', file, '--db', join(dir, 'data')], {
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/CHECK constraint|SqliteError|\n\s+at /);
  });

  it('refuses bytes that are not UTF-8 instead of changing them', () => {
    const dir = tempDir('recert-hostile-');
    const file = join(dir, 'records.json');
    const json = Buffer.from(JSON.stringify(recordsWith({ name: 'Dana XX' })));
    const at = json.indexOf('XX');
    json[at] = 0xff;
    json[at + 1] = 0xfe;
    writeFileSync(file, json);
    const result = spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), 'import', file, '--db', join(dir, 'data')], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('is not valid UTF-8 text; save the records file as UTF-8');
  });
});

describe('the API refuses the same as bad input, never as an internal failure', () => {
  it.each([
    ['createCourse', 'ceus', 1e-10, /must be at least 0.001 CEUs/],
    ['createCourse', 'contactHours', 1e-9, /must be at least 0.01 contact hours/],
    ['createCourse', 'title', '\u0000Course', /must not contain control characters/],
    ['createCourse', 'provider', 'Acme\ud800', /must not contain control characters/],
    ['createPerson', 'name', 'Dana\nRivera', /must not contain control characters/],
  ])('%s with a bad %s', async (method, field, bad, message) => {
    const context = freshContext();
    contexts.push(context);
    const s = seed(context);
    const counts = rowCounts(context);
    const base =
      method === 'createPerson'
        ? { name: 'Sam' }
        : { personId: s.personId, title: 'T', provider: 'P', approval: 'nasm', completed: '2026-02-01', credentialIds: [s.credentialId] };
    const input = { ...base, ...(field === 'contactHours' ? {} : method === 'createCourse' ? { ceus: 1 } : {}), [field]: bad };
    const result = await context.dispatch(method, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field } });
    expect(!result.ok && result.error.message).toMatch(message);
    expect(rowCounts(context)).toEqual(counts);
  });
});

describe('file names and links', () => {
  it('exports a certificate whose name has 80 CJK characters or 60 emoji, shortened by bytes, and imports it back', async () => {
    const { exportRecords } = await import('../../../main/core/records-file/export');
    const { safeFileName } = await import('../../../main/core/records-file/export');
    const { readFileSync, readdirSync } = await import('node:fs');
    const context = freshContext();
    contexts.push(context);
    const s = seed(context);
    const { tinyPdf } = await import('../../helpers/seed');
    for (const name of [`${'証明書'.repeat(27)}.pdf`, `${'🏋️'.repeat(60)}.pdf`]) {
      const result = await context.dispatch('addAttachment', {
        owner: { kind: 'course', id: s.courseId },
        fileName: name,
        contentBase64: Buffer.concat([tinyPdf, Buffer.from(name)]).toString('base64'),
      });
      expect(result.ok).toBe(true);
      expect(Buffer.byteLength(safeFileName(name))).toBeLessThanOrEqual(200);
      expect(safeFileName(name).endsWith('.pdf')).toBe(true);
    }
    const out = join(tempDir('recert-export-long-'), 'records.json');
    exportRecords(context.store, context.files, out);
    const document = JSON.parse(readFileSync(out, 'utf8')) as { people: { activities: { attachments?: { name?: string }[] }[] }[] };
    const names = document.people[0]?.activities[0]?.attachments?.map((a) => a.name).filter(Boolean);
    expect(names).toHaveLength(2);
    const reimported = spawnSync(
      process.execPath,
      [join(projectRoot, 'bin/recert.js'), 'import', out, '--db', join(tempDir('recert-reimport-'), 'data')],
      {
        encoding: 'utf8',
      },
    );
    expect(reimported.status, reimported.stderr).toBe(0);
    expect(readdirSync(join(out, '..', 'certs')).length).toBeGreaterThan(0);
  });

  it('refuses a certificate that is a link to a file outside the records folder, and one over 25 MB', async () => {
    const { symlinkSync, truncateSync } = await import('node:fs');
    const dir = tempDir('recert-links-');
    mkdirSync(join(dir, 'records', 'certs'), { recursive: true });
    writeFileSync(join(dir, 'secret.pdf'), '%PDF-1.4 secret');
    symlinkSync(join(dir, 'secret.pdf'), join(dir, 'records', 'certs', 'linked.pdf'));
    writeFileSync(join(dir, 'records', 'certs', 'huge.pdf'), '%PDF-1.4\n');
    truncateSync(join(dir, 'records', 'certs', 'huge.pdf'), 26 * 1024 * 1024);
    const records = recordsWith({}, { attachments: [{ file: 'certs/linked.pdf' }, { file: 'certs/huge.pdf' }] });
    writeFileSync(join(dir, 'records', 'records.json'), JSON.stringify(records));
    const result = spawnSync(
      process.execPath,
      [join(projectRoot, 'bin/recert.js'), 'import', join(dir, 'records', 'records.json'), '--db', join(dir, 'data')],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('attachments[0].file: "certs/linked.pdf" is a link to a file outside the records folder');
    expect(result.stderr).toContain('attachments[1].file: "certs/huge.pdf" is larger than 25 MB');
  });

  it('escapes control characters in names printed to the terminal', async () => {
    const { escapeControlCharacters } = await import('../../../main/core/text');
    expect(escapeControlCharacters('scan\u001b[2J.pdf')).toBe('scan\\u001b[2J.pdf');
    expect(escapeControlCharacters('Zoë 周.pdf')).toBe('Zoë 周.pdf');
  });

  it('reads a file that starts with a UTF-8 byte-order mark, as some editors save', () => {
    const dir = tempDir('recert-hostile-');
    const file = join(dir, 'records.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(recordsWith({ name: 'Dana Ünal' })))]));
    const result = spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), 'evaluate', file, '--as-of', '2026-11-21', '--json'], {
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).results.length).toBeGreaterThan(0);
  });
});
