/** Every import cycle among the project's own TypeScript modules, as lists of files relative to `root`. */
export function importCycles(root: string, folders?: string[]): string[][];
