// `recert scan FILE [--json]`: what Recert reads from a certificate (docs/cli.md).
import { parseArgs } from 'node:util';
import { UsageError } from './cli-common';
import type { ScanResult } from './core/domain/scan';
import { describeScan } from './core/scan/describe';
import { stopOcr } from './core/scan/ocr';
import { scanCertificateFile, UnreadableFile } from './core/scan/scan';
import { escapeControlCharacters } from './core/text';

/** A file that could not be read: exit 2 with the reason. */
export class ScanError extends Error {
  override name = 'ScanError';
}

export async function scanCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('scan needs exactly one certificate FILE (PDF, JPEG, PNG or HEIC)');
  let result: ScanResult;
  try {
    result = await scanCertificateFile(file);
  } catch (error) {
    if (error instanceof UnreadableFile) throw new ScanError(`could not read ${escapeControlCharacters(file)}: ${error.message}`);
    throw error;
  } finally {
    await stopOcr();
  }
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${describeScan(result).join('\n')}\n`);
}
