#!/usr/bin/env node
// The `recert` command: runs the built CLI (out/main/cli.js, built by `npm install` or `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('recert: the command line is not built yet; run "npm run build" in the Recert folder.\n');
  process.exit(1);
}
require(cli)
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
