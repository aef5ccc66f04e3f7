// An import's plan in words, shared by `recert import --update` and the app's preview.
import { count, listInWords } from '../domain/plural';
import type { ImportKind, ImportPreview, ImportPreviewRow } from '../domain/views';

export const IMPORT_KIND_TEXT: Record<ImportKind, string> = {
  people: 'People',
  credentials: 'Credentials',
  courses: 'Courses',
  cprAedCards: 'CPR/AED cards',
};
/** One record of a kind, for the preview's rows. */
const ONE_OF_KIND: Record<ImportKind, string> = {
  people: 'Person',
  credentials: 'Credential',
  courses: 'Course',
  cprAedCards: 'CPR/AED card',
};
const ACTION_TEXT: Record<ImportPreviewRow['action'], string> = { added: 'Added', updated: 'Updated', kept: 'Kept (not in the file)' };

export function describeImport(preview: ImportPreview): string[] {
  const lines = (Object.keys(IMPORT_KIND_TEXT) as ImportKind[]).map((kind) => {
    const c = preview.counts[kind];
    const parts = (['added', 'updated', 'unchanged', 'kept'] as const)
      .filter((action) => c[action] > 0)
      .map((action) => `${c[action]} ${action}`);
    return `${IMPORT_KIND_TEXT[kind]}: ${parts.length > 0 ? parts.join(', ') : 'none'}`;
  });
  lines.push(`Certificate files: ${preview.certificateFiles > 0 ? `${preview.certificateFiles} added` : 'none new'}`);
  for (const match of preview.matches) lines.push(`Matched: ${match}`);
  for (const c of preview.conflicts)
    if (c.confirmed) lines.push(`Same person, as confirmed: "${c.fileName}" in the file is the stored "${c.storedName}" (${c.personId})`);
  return lines;
}

export function describeRows(preview: ImportPreview): (ImportPreviewRow & { kindText: string; actionText: string })[] {
  return preview.rows.map((row) => ({ ...row, kindText: ONE_OF_KIND[row.kind], actionText: ACTION_TEXT[row.action] }));
}

/** "Imported 1 person, 2 credentials, …": a plain import's one line. */
export function importedText(counts: {
  people: number;
  credentials: number;
  courses: number;
  cprAedCards: number;
  attachments: number;
}): string {
  return listInWords([
    count(counts.people, 'person', 'people'),
    count(counts.credentials, 'credential', 'credentials'),
    count(counts.courses, 'course', 'courses'),
    count(counts.cprAedCards, 'CPR/AED card', 'CPR/AED cards'),
    count(counts.attachments, 'certificate file', 'certificate files'),
  ]);
}
