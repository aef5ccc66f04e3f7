// Finds import cycles among the project's own modules, resolving imports as TypeScript does.
// Dependencies run one way (renderer → contract ← main → core): any cycle is reported.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every cycle (as a list of files, relative to root) among the TypeScript files under `folders`. */
export function importCycles(root, folders = ['main', 'preload', 'renderer/src']) {
  const files = folders.flatMap((folder) => sources(join(root, folder)));
  const known = new Set(files);
  const options = {
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    allowJs: false,
    jsx: ts.JsxEmit.ReactJSX,
  };
  const edges = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(ts.sys.readFile(file) ?? '', true, true);
    const targets = info.importedFiles.flatMap(({ fileName }) => {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName;
      return resolved && known.has(resolved) ? [resolved] : [];
    });
    edges.set(file, targets);
  }
  // Tarjan's strongly connected components: each with more than one file (or a self-import) is a cycle.
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (file) => {
    indices.set(file, index);
    low.set(file, index);
    index += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file), low.get(next)));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file), indices.get(next)));
    }
    if (low.get(file) === indices.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (edges.get(file) ?? []).includes(file)) cycles.push(component.map((f) => relative(root, f)).sort());
    }
  };
  for (const file of files) if (!indices.has(file)) visit(file);
  return cycles;
}
