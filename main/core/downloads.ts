// Browser mode's downloads: a file written for the user gets an id, and the loopback host serves it
// at downloads/<id> with its own name. Kept in memory: they do not outlive the process.
import { newId } from './ids';

export interface Download {
  path: string;
  fileName: string;
  mediaType: string;
}

export function downloadRegistry() {
  const files = new Map<string, Download>();
  return {
    add(download: Download): string {
      const id = newId('dl');
      files.set(id, download);
      return id;
    },
    get(id: string): Download | undefined {
      return files.get(id);
    },
  };
}

export type Downloads = ReturnType<typeof downloadRegistry>;
