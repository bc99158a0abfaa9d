// The fuzz corpus (test/fuzz/corpus) as examples for the property tests: real datagrams
// and lists are where the interesting cases start.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fuzz', 'corpus');

export function corpusFiles(folder: string): Buffer[] {
  const dir = join(CORPUS, folder);
  return readdirSync(dir)
    .sort()
    .map((name) => readFileSync(join(dir, name)));
}

export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
