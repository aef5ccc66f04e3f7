// The printable team report for a regional director or an insurer: title, as-of date, the summary,
// every credential most urgent first, page numbers; names in any script (the packet's fonts).
import { formatDate } from '../dates';
import type { TeamView } from '../domain/team';
import type { FontSet } from '../packet/fonts';
import { COLORS, createDocument, footer, LETTER, MARGIN, rule, write } from '../packet/pen';
import { table, type Column } from '../packet/table';
import { TEAM_TABLE_COLUMNS, teamTableRows } from './table';

const WIDTHS = [88, 70, 86, 64, 52, 66, 50, 28];
const COLUMNS: Column[] = TEAM_TABLE_COLUMNS.map((title, i) => ({
  title,
  width: WIDTHS[i] ?? 50,
  ...(i === TEAM_TABLE_COLUMNS.length - 1 ? { align: 'right' as const } : {}),
}));

export async function teamReportPdf(view: TeamView, fonts: FontSet, organisation = 'Team'): Promise<Buffer> {
  const title = `${organisation} certification report`;
  const { doc, done } = createDocument(fonts, { Title: `${title} — ${view.asOf}`, Creator: 'Recert', Subject: 'Staff certifications' });
  const newPage = () => doc.addPage({ size: 'LETTER', margin: MARGIN });
  newPage();
  write(doc, fonts, 'Recert', MARGIN, MARGIN, { size: 11, bold: true, color: COLORS.accent });
  write(doc, fonts, title, MARGIN, doc.y + 4, { size: 22, bold: true });
  write(doc, fonts, `As of ${formatDate(view.asOf)}`, MARGIN, doc.y + 2, { size: 11, color: COLORS.muted });
  rule(doc, doc.y + 8);
  doc.y += 18;

  // Every number of the screen's summary, each with its label.
  const counts = [
    ...view.counts.map((c) => `${c.label}: ${c.count}`),
    ...(view.summary.withoutCredential > 0 ? [`No credential on file: ${view.summary.withoutCredential}`] : []),
  ];
  write(doc, fonts, counts.join(' · '), MARGIN, doc.y, { size: 10, width: LETTER.width - 2 * MARGIN });
  doc.y += 4;
  for (const d of view.definitions) {
    write(doc, fonts, `${d.term}: ${d.text}`, MARGIN, doc.y + 2, { size: 8.5, color: COLORS.muted, width: LETTER.width - 2 * MARGIN });
  }
  doc.y += 14;

  const rows = teamTableRows(view).map((cells, i) => {
    const r = view.rows[i];
    // The audit column is narrow on paper: its date alone.
    if (r) cells[6] = r.auditDue ? formatDate(r.auditDue) : '—';
    return cells;
  });
  if (rows.length === 0) write(doc, fonts, 'No active trainer is recorded yet.', MARGIN, doc.y, { size: 10 });
  else table(doc, fonts, 'Credentials, most urgent first', COLUMNS, rows, newPage);

  const count = doc.bufferedPageRange().count;
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i);
    footer(doc, fonts, LETTER, i + 1, count, `${title} · as of ${formatDate(view.asOf)}`);
  }
  doc.end();
  return done;
}
