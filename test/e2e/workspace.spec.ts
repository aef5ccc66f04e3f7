import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { orientedJpeg, textPdf } from '../helpers/packet-fixtures';
import { expect, test } from './fixtures';

async function addPerson(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('button', { name: 'Add person' }).first().click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('form', { name: 'Add a person' }).getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('status').first()).toHaveText(`Saved ${name}.`);
}

async function addCredential(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('button', { name: 'Add your first credential' }).click();
  const form = page.getByRole('form', { name: 'Add a credential' });
  await form.getByLabel('Certification', { exact: true }).selectOption('nasm-cpt');
  await form.getByLabel('Certification number').fill('NASM-24680');
  await form.getByLabel('Expiration date').fill('2027-03-31');
  await form.getByRole('button', { name: 'Add credential' }).click();
  await expect(page.getByRole('heading', { name: 'NASM-CPT · NASM-24680' })).toBeVisible();
}

interface Course {
  title: string;
  provider: string;
  completed: string;
  ceus?: string;
  hours?: string;
  approval?: 'nasm' | 'approved-provider' | 'petition';
  petition?: 'pending' | 'approved' | 'denied';
}

async function addCourse(page: Page, course: Course) {
  await page.getByRole('button', { name: 'Add course' }).click();
  await saveCourseForm(page, course);
}

/** Fills the open "Add a course" form and saves it. */
async function saveCourseForm(page: Page, course: Course) {
  const form = page.getByRole('form', { name: 'Add a course' });
  await form.getByLabel('Course title').fill(course.title);
  await form.getByLabel('Provider').fill(course.provider);
  await form.getByLabel('Completed on').fill(course.completed);
  if (course.hours) {
    await form.getByRole('radio', { name: 'In contact hours' }).check();
    await form.getByRole('textbox', { name: 'Contact hours' }).fill(course.hours);
  } else {
    await form.getByRole('textbox', { name: 'CEUs' }).fill(course.ceus ?? '');
  }
  await form.getByLabel('Approval', { exact: true }).selectOption(course.approval ?? 'nasm');
  if (course.petition) await form.getByLabel('Petition status').selectOption(course.petition);
  await form.getByRole('button', { name: 'Add course' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${course.title}` })).toBeVisible();
}

/** Adds a current card (Adult CPR and AED, hands-on: the form's defaults) on the CPR/AED screen. */
async function addCard(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'CPR/AED' }).click();
  await page.getByRole('button', { name: 'Add card' }).click();
  const card = page.getByRole('form', { name: 'Add a CPR/AED card' });
  await card.getByLabel('Provider').fill('American Red Cross');
  await card.getByLabel('Completed on').fill('2025-06-01');
  await card.getByLabel('Expires on').fill('2027-06-01');
  await card.getByRole('button', { name: 'Add card' }).click();
}

test('a new trainer records a credential, courses, a CPR/AED card and certificates; the dashboard shows exact totals', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.getByLabel('Your name').fill('Dana Rivera');
  await page.getByRole('button', { name: 'Continue' }).click();
  const certification = page.getByRole('form', { name: 'Your certification' });
  await certification.getByLabel('Certification number').fill('NASM-24680');
  await certification.getByLabel('Expiration date').fill('2027-03-31');
  await certification.getByRole('button', { name: 'Show my status' }).click();
  await expect(page.getByRole('heading', { name: 'NASM-CPT · NASM-24680' })).toBeVisible();
  await expect(page.getByText('In progress — 2.0 CEUs to go')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Courses' }).click();
  await expect(page.getByText('No courses yet')).toBeVisible();
  await addCourse(page, { title: 'Corrective Exercise Specialist', provider: 'NASM', completed: '2026-02-01', ceus: '1.2' });
  // Live conversion: 0.5 CEUs is 5 contact hours.
  await page.getByRole('button', { name: 'Add course' }).click();
  const draft = page.getByRole('form', { name: 'Add a course' });
  await draft.getByRole('textbox', { name: 'CEUs' }).fill('0.5');
  await expect(draft.getByRole('textbox', { name: 'Contact hours' })).toHaveValue('5');
  await draft.getByRole('button', { name: 'Cancel' }).click();
  await addCourse(page, {
    title: 'Youth Exercise Webinar',
    provider: 'Approved Co',
    completed: '2026-03-10',
    hours: '4.5',
    approval: 'approved-provider',
  });
  await addCourse(page, {
    title: 'Kettlebell Workshop',
    provider: 'Iron Guild',
    completed: '2026-04-05',
    ceus: '0.3',
    approval: 'petition',
    petition: 'pending',
  });

  // Attach a PDF to the open course (the last one added) via the file picker.
  const dir = app.dataDir;
  writeFileSync(join(dir, 'kettlebell.pdf'), await textPdf('Kettlebell Workshop'));
  await page.getByLabel('Attach certificate files').setInputFiles(join(dir, 'kettlebell.pdf'));
  await expect(page.getByText('Attached kettlebell.pdf.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'kettlebell.pdf' })).toContainText('PDF');
  // The PDF preview loads in the app's frame (same origin, allowed to be framed by the app only).
  const refusals: string[] = [];
  page.on('console', (m) => {
    if (/Refused to/.test(m.text())) refusals.push(m.text());
  });
  const pdfResponse = page.waitForResponse((r) => r.url().includes('/attachments/'));
  await page.getByRole('button', { name: 'Preview kettlebell.pdf' }).click();
  await expect(page.locator('iframe[title="Preview of kettlebell.pdf"]')).toBeVisible();
  const response = await pdfResponse;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  await expect.poll(() => page.frames().some((f) => f.url().includes('/attachments/'))).toBe(true);
  expect(refusals).toEqual([]);
  await page.getByRole('button', { name: 'Close preview' }).click();

  // The course log shows each row's verdict.
  await expect(page.getByRole('row', { name: /Kettlebell Workshop/ })).toContainText('Petition pending');
  await expect(page.getByRole('row', { name: /Youth Exercise Webinar/ })).toContainText('Counted: 0.45 CEUs');
  await expect(page.getByText('3 of 3 courses')).toBeVisible();

  // CPR/AED card with a JPEG photo.
  await addCard(page);
  writeFileSync(join(dir, 'card-front.jpg'), orientedJpeg(320, 200, 1));
  await page.getByLabel('Attach certificate files').setInputFiles(join(dir, 'card-front.jpg'));
  await expect(page.getByText('Attached card-front.jpg.')).toBeVisible();
  await page.getByRole('button', { name: 'Preview card-front.jpg' }).click();
  await expect(page.getByRole('img', { name: 'Certificate: card-front.jpg' })).toBeVisible();
  expect(await page.getByRole('img', { name: 'Certificate: card-front.jpg' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(
    320,
  );
  await page.getByRole('button', { name: 'Close preview' }).click();

  // Dashboard: 1.2 + 0.45 counted, 0.3 pending, CPR/AED 0.1.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByText('1.65 / 1.9 CEUs', { exact: true })).toBeVisible();
  await expect(page.getByText('0.1 / 0.1 CEUs')).toBeVisible();
  await expect(page.getByText('1.75 / 2.0 CEUs')).toBeVisible();
  await expect(page.getByText('0.3 CEUs pending petition review')).toBeVisible();
  await expect(page.getByText('In progress — 0.25 CEUs to go')).toBeVisible();
  await expect(page.getByText('0.25 CEUs of courses still needed (1.65 / 1.9 CEUs)')).toBeVisible();
  // The two courses without a certificate are flagged; "Why?" shows the rule and its source.
  await expect(page.getByText('2 counted courses have no certificate attached: an audit risk')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Show them' })).toHaveAttribute('href', /#\/courses\?missing=1/);
  const shortfall = page.getByRole('listitem').filter({ hasText: 'of courses still needed' });
  await shortfall.getByText('Why?').click();
  await expect(shortfall.getByText('2.0 CEUs: 1.9 from courses + 0.1 for CPR/AED.')).toBeVisible();
  // The figure in words with its source, never a JSON path.
  await expect(shortfall.getByText('Required from courses each cycle: 1.9 CEUs')).toBeVisible();
  await expect(shortfall.getByText('earning 1.9 CEUs (continuing education units)').first()).toBeVisible();
  await expect(shortfall).not.toContainText('requirement.courses');
});

test('a pending petition shows as pending, and its fee', async ({ page, app }) => {
  await page.goto(app.url);
  await addPerson(page, 'Sam Lee');
  await addCredential(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Courses' }).click();
  await addCourse(page, {
    title: 'Barbell Clinic',
    provider: 'Local Gym',
    completed: '2026-05-01',
    ceus: '0.4',
    approval: 'petition',
    petition: 'pending',
  });
  await expect(page.getByRole('row', { name: /Barbell Clinic/ })).toContainText('Petition: pending');
  await expect(page.getByRole('row', { name: /Barbell Clinic/ })).toContainText('Petition pending');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByText('0.4 CEUs pending petition review: not counted until approved.')).toBeVisible();
  await expect(page.getByText('Petition pending: these CEUs count once it is approved')).toBeVisible();
  await expect(page.getByText('Petition fees for this cycle: $25.')).toBeVisible();
  await expect(page.getByText('0.0 / 1.9 CEUs', { exact: true })).toBeVisible();
});

test('a finding about one course or the card links to that record', async ({ page, app }) => {
  await page.goto(app.url);
  await addPerson(page, 'Lee Park');
  await addCredential(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Courses' }).click();
  await addCourse(page, { title: 'Kettlebell Basics', provider: 'NASM', completed: '2026-04-01', ceus: '0.5' });
  await addCard(page);
  const ids = await page.evaluate(async () => {
    const people = await window.recert.listPeople({});
    const personId = people.ok ? people.value[0]?.id : undefined;
    if (!personId) return null;
    const cards = await window.recert.listCprAedCards({ personId });
    const courses = await window.recert.listCourses({ personId });
    return { card: cards.ok ? cards.value[0]?.id : undefined, course: courses.ok ? courses.value[0]?.id : undefined };
  });
  expect(ids?.card && ids.course).toBeTruthy();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  // One line each, saying which record it is about, with a link to that record.
  const course = page.getByRole('listitem').filter({ hasText: 'A counted course has no certificate attached: an audit risk' });
  await expect(course.getByRole('link', { name: 'Open the course' })).toHaveAttribute('href', `#/courses?focus=${ids?.course ?? ''}`);
  const cardLine = page.getByRole('listitem').filter({ hasText: 'Your CPR/AED card has no certificate attached: an audit risk' });
  await expect(cardLine.getByRole('link', { name: 'Open the card' })).toHaveAttribute('href', `#/cpr-aed?focus=${ids?.card ?? ''}`);
  await expect(page.getByRole('link', { name: 'Show them' })).toHaveCount(0);
});

test('opening the dashboard or the course log from the menu asks main once for their data', async ({ page, app }) => {
  await page.goto(app.url);
  await addPerson(page, 'Ines Moreau');
  await addCredential(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Courses' }).click();
  await addCourse(page, { title: 'Mobility Flow', provider: 'NASM', completed: '2026-04-01', ceus: '0.5' });
  const asked: string[] = [];
  page.on('request', (request) => {
    const method = /\/api\/(\w+)/.exec(request.url())?.[1];
    if (method) asked.push(method);
  });
  const menu = page.getByRole('navigation', { name: 'Main' });
  for (let round = 0; round < 2; round++) {
    await menu.getByRole('link', { name: 'Settings' }).click();
    // Every read of the Settings screen made before counting, seen by what each one's answer shows
    // (the rule set's, after the list of rule sets, is asked only once a session). Not 'networkidle':
    // a page reaches it once, so after a hash change it resolved at once and a late Settings read
    // was counted as the next screen's first.
    await expect(page.getByRole('heading', { name: 'Data folder' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Rules', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up now' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'On this computer' })).toBeVisible();
    asked.length = 0;
    // Asked at the click, before the screen's own reads, and taken by the screen: not asked again.
    await menu.getByRole('link', { name: 'Courses' }).click();
    await expect(page.getByRole('row', { name: /Mobility Flow/ })).toBeVisible();
    expect(asked[0]).toBe('queryCourseLog');
    expect(asked.filter((m) => m === 'queryCourseLog')).toHaveLength(1);
    asked.length = 0;
    await menu.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByText('0.5 / 1.9 CEUs', { exact: true })).toBeVisible();
    expect(asked[0]).toBe('evaluatePerson');
    expect(asked.filter((m) => m === 'evaluatePerson')).toHaveLength(1);
  }
});

test('a course added before the credentials have loaded still counts toward them', async ({ page, app }) => {
  await page.goto(app.url);
  await addPerson(page, 'Noor Haddad');
  await addCredential(page);
  // The credentials' answer held back until the form is open, as on a busy machine.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/listCredentials', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Courses' }).click();
  await page.getByRole('button', { name: 'Add course' }).click();
  const form = page.getByRole('form', { name: 'Add a course' });
  await expect(form.getByRole('group', { name: 'Counts toward' })).toHaveCount(0);
  release();
  await expect(form.getByRole('checkbox', { name: 'NASM-CPT (NASM-24680)' })).toBeChecked();
  await saveCourseForm(page, { title: 'Mobility Flow', provider: 'NASM', completed: '2026-04-01', ceus: '0.5' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByText('0.5 / 1.9 CEUs', { exact: true })).toBeVisible();
});

test('a bad date shows the field error and nothing is saved', async ({ page, app }) => {
  await page.goto(app.url);
  await addPerson(page, 'Ana Souza');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'CPR/AED' }).click();
  await page.getByRole('button', { name: 'Add card' }).click();
  const card = page.getByRole('form', { name: 'Add a CPR/AED card' });
  await card.getByLabel('Provider').fill('Red Cross');
  await card.getByLabel('Completed on').fill('2026-06-01');
  await card.getByRole('button', { name: 'Add card' }).click();
  await expect(card.getByText('is required (YYYY-MM-DD)')).toBeVisible();
  await expect(card.getByLabel('Expires on')).toHaveAttribute('aria-invalid', 'true');
  await card.getByLabel('Expires on').fill('2026-05-01');
  await card.getByRole('button', { name: 'Add card' }).click();
  await expect(card.getByText('must not be before the completion date')).toBeVisible();

  const saved = await page.evaluate(async () => {
    const people = await window.recert.listPeople({});
    if (!people.ok || !people.value[0]) return null;
    return window.recert.listCprAedCards({ personId: people.value[0].id });
  });
  expect(saved).toEqual({ ok: true, value: [] });

  // The main process refuses an impossible calendar date even if a form let it through.
  const refused = await page.evaluate(async () => {
    const people = await window.recert.listPeople({});
    if (!people.ok || !people.value[0]) return null;
    return window.recert.createCprAedCard({
      personId: people.value[0].id,
      provider: 'X',
      completed: '2026-02-30',
      expires: '2027-01-01',
      adultCpr: true,
      aed: true,
      handsOn: true,
    });
  });
  expect(refused).toMatchObject({
    ok: false,
    error: { field: 'completed', message: 'completed: "2026-02-30" is not a calendar date (YYYY-MM-DD, e.g. 2027-03-31)' },
  });
});

test('an empty or unsupported certificate file gets a clear message', async ({ page, app }) => {
  await page.goto(app.url);
  await addPerson(page, 'Lee Park');
  await addCard(page);
  writeFileSync(join(app.dataDir, 'notes.txt'), 'not a certificate');
  writeFileSync(join(app.dataDir, 'empty.pdf'), '');
  await page.getByLabel('Attach certificate files').setInputFiles(join(app.dataDir, 'notes.txt'));
  await expect(page.getByRole('alert')).toHaveText(
    '"notes.txt" is not a PDF, JPEG, PNG or HEIC/HEIF file: save or scan the certificate in one of those formats',
  );
  await page.getByLabel('Attach certificate files').setInputFiles(join(app.dataDir, 'empty.pdf'));
  await expect(page.getByRole('alert')).toHaveText('"empty.pdf" is empty: choose the certificate file itself.');
  await expect(page.getByText('No file yet')).toBeVisible();
});

test('every screen passes an axe accessibility scan with no serious or critical violations', async ({ page, app }) => {
  await page.goto(app.url);
  await addPerson(page, 'Kim Osei');
  await addCredential(page);
  for (const section of ['dashboard', 'courses', 'cpr-aed', 'audit', 'staff', 'settings']) {
    await page.goto(`${app.url}#/${section}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${section}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});
