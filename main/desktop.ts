// Small decisions of the desktop glue, kept out of main/index.ts so they are tested under Node.

/** The save dialog's file type, from the name Recert suggests (a packet, a report, a calendar). */
export function saveFilters(name: string): { name: string; extensions: string[] }[] {
  const types: Record<string, string> = { pdf: 'PDF', csv: 'CSV spreadsheet', ics: 'Calendar', json: 'JSON', recert: 'Recert records' };
  const extension = name.includes('.') ? (name.split('.').pop()?.toLowerCase() ?? '') : '';
  const type = types[extension];
  return type ? [{ name: type, extensions: [extension] }] : [];
}

/** Where a reminder's click leads: that trainer's dashboard, or the Team screen for a summary. */
export function reminderTarget(entryUrl: string, personId: string | null): string {
  const base = entryUrl.split('#')[0] ?? entryUrl;
  return personId ? `${base}#/dashboard?person=${encodeURIComponent(personId)}` : `${base}#/team`;
}

/** `Recert --recert-cli evaluate …`: the packaged app's command line (RunAsNode is fused off). */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--recert-cli');
  return at < 0 ? null : argv.slice(at + 1);
}

/**
 * The day's automatic backup, a minute after the app starts: copying a large data folder would
 * otherwise compete with the first screens. RECERT_BACKUP_DELAY_MS changes the wait (tests use 0).
 */
export function scheduleAutomaticBackup(
  backUp: () => Promise<unknown>,
  delayMs = Number(process.env.RECERT_BACKUP_DELAY_MS ?? 60_000),
): void {
  const timer = setTimeout(() => {
    backUp().catch((error: unknown) => console.error('Automatic backup failed:', error));
  }, delayMs);
  timer.unref();
}
