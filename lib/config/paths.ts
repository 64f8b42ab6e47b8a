import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, so entries and ASL files resolve from any working directory. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const fromRoot = (relativePath: string): string => join(repoRoot, relativePath);
