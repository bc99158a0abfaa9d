import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Where tests leave screenshots and logs for people to look at (ignored by git). */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** A path under test-results/ (the directory is created). */
export async function artifactPath(name: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, name);
}
