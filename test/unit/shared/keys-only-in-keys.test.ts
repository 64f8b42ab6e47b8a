import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '#lib/config/paths.ts';

/**
 * Keys are spelled in one place (functions/shared/data/keys.ts): a key prefix, a sort key
 * or an index name anywhere else in functions/ is a key built by hand, which drifts from
 * the stores' and the data model's. Test code may spell them (it pins the formats).
 */
const KEYS_FILE = 'functions/shared/data/keys.ts';
/** The requester's ratings' keys: kept apart while keys.ts was changed elsewhere (fold them in). */
const REQUESTER_KEYS_FILE = 'functions/shared/data/requester-keys.ts';

const KEY_SPELLINGS: readonly RegExp[] = [
  /SURVEY#/,
  /SURVEYSTATUS/,
  /'SURVEY'/,
  /'RESPONSE'/,
  /FOLLOWUP/,
  /AGG#/,
  /TOKEN#/,
  /'TOKEN'/,
  /PERSON#/,
  /'PROFILE'/,
  /DELIVERY#/,
  /'DELIVERY'/,
  /SIGNED#/,
  /'SIGNED'/,
  /TICKET/,
  /'STATE'/,
  /MAILRECEIPT#/,
  /'RECEIPT'/,
  /PROBE#/,
  /'PROBE'/,
  /SESSION#/,
  /'SESSION'/,
  /SIGNIN#/,
  /'SIGNIN'/,
  /gsi1/,
  /gsi2/,
];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });

const root = fromRoot('.');
const files = sourceFiles(fromRoot('functions')).map((path) => ({
  path: relative(root, path),
  lines: readFileSync(path, 'utf8').split('\n'),
}));

describe('Rule: keys only in keys.ts', () => {
  it('scans the handler code, keys.ts among it', () => {
    // Assess
    expect(files.length).toBeGreaterThan(50);
    expect(files.map((f) => f.path)).toContain(KEYS_FILE);
  });

  it.each(KEY_SPELLINGS.map((pattern) => [String(pattern), pattern] as const))(
    'finds %s in keys.ts and nowhere else in functions/',
    (_label, pattern) => {
      // Act
      const uses = files.flatMap((file) =>
        file.lines.flatMap((line, i) => (pattern.test(line) ? [`${file.path}:${i + 1}`] : []))
      );

      // Assess: the pattern is live (keys.ts spells it), and only keys.ts does
      expect(uses.some((use) => use.startsWith(`${KEYS_FILE}:`))).toBe(true);
      expect(uses.filter((use) => !use.startsWith(`${KEYS_FILE}:`))).toEqual([]);
    }
  );

  it('finds /REQUESTER#/ in requester-keys.ts and nowhere else in functions/', () => {
    // Act
    const uses = files.flatMap((file) =>
      file.lines.flatMap((line, i) => (/REQUESTER#/.test(line) ? [`${file.path}:${i + 1}`] : []))
    );

    // Assess
    expect(uses.some((use) => use.startsWith(`${REQUESTER_KEYS_FILE}:`))).toBe(true);
    expect(uses.filter((use) => !use.startsWith(`${REQUESTER_KEYS_FILE}:`))).toEqual([]);
  });
});
