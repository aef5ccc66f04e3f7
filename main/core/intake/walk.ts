// The files an intake takes in: every file named, and every file inside the folders named (their
// sub-folders too, in name order), each once. Hidden files inside a folder (.DS_Store, a sync
// tool's) are not a person's certificates and are passed over; a file named outright never is.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface FoundFile {
  /** As the person named it, or its path below the folder they named. */
  file: string;
  path: string;
}

export interface Walked {
  files: FoundFile[];
  /** Paths that do not exist: the command refuses them all before reading any file. */
  missing: string[];
}

export function walkIntakePaths(paths: readonly string[]): Walked {
  const files: FoundFile[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (file: string, path: string) => {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      real = path;
    }
    if (seen.has(real)) return;
    seen.add(real);
    files.push({ file, path });
  };
  const walk = (folder: string, visited: Set<string>) => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch {
      return;
    }
    // A link back up the tree would walk for ever.
    if (visited.has(real)) return;
    visited.add(real);
    let names: string[];
    try {
      names = readdirSync(folder).sort((a, b) => a.localeCompare(b, 'en'));
    } catch {
      add(folder, folder);
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = join(folder, name);
      let isFolder = false;
      try {
        isFolder = statSync(path).isDirectory();
      } catch {
        // A broken link: listed, and found unreadable when read.
      }
      if (isFolder) walk(path, visited);
      else add(path, path);
    }
  };
  for (const path of paths) {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      missing.push(path);
      continue;
    }
    if (isFolder) walk(path, new Set());
    else add(path, path);
  }
  return { files, missing };
}
