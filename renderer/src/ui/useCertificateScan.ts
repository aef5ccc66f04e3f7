import { useState } from 'react';
import type { ScannedFields, ScanView } from '../../../preload/contract';
import { call } from '../api';
import { readAsBase64 } from './files';

type Owner = { kind: 'course'; id: string } | { kind: 'cpr-aed-card'; id: string };

/**
 * The certificate a new course or card form was filled in from: its notes for the fields, and
 * attaching it to the record once the form is saved.
 */
export function useCertificateScan() {
  const [scan, setScan] = useState<{ view: ScanView; file: File } | null>(null);
  return {
    notes: scan?.view.notes ?? {},
    /** The fields read from the file, or null when nothing is to be filled in. */
    accept(view: ScanView, file: File): ScannedFields | null {
      setScan(view.result ? { view, file } : null);
      return view.result?.fields ?? null;
    },
    /** Attaches the certificate to the record just created; its file name when attached. */
    async attachTo(owner: Owner): Promise<string | undefined> {
      if (!scan) return undefined;
      const attached = await call('addAttachment', { owner, fileName: scan.file.name, contentBase64: await readAsBase64(scan.file) });
      return attached.ok ? scan.file.name : undefined;
    },
  };
}
