import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '#lib/config/paths.ts';

/**
 * The measured figure of each reliability case. A case records its figure before it
 * asserts (so a failing case still shows what it measured); the global teardown joins them
 * into the R1–R7 table, prints it and writes it to test/reliability/last-run.md.
 */
export interface Figure {
  /** R1…R7; a case measured in several files (R7) adds a part name: `R7:fuzz`. */
  readonly id: string;
  readonly title: string;
  readonly figure: string;
  readonly holds: boolean;
}

const resultsDir = fromRoot('test/reliability/.results');
export const lastRunFile = fromRoot('test/reliability/last-run.md');

export const clearFigures = (): void => {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
};

export const recordFigure = (figure: Figure): void => {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, `${figure.id.replace(/[^A-Za-z0-9-]/g, '_')}.json`),
    JSON.stringify(figure)
  );
};

const CASES = [
  ['R1', 'duplicate storm'],
  ['R2', 'concurrent confirmations'],
  ['R3', 'SES faults'],
  ['R4', 'fuzz corpus'],
  ['R5', 'access cases'],
  ['R6', 'kill -9 and restart'],
  ['R7', 'log scan'],
] as const;

const readFigures = (): Figure[] =>
  readdirSync(resultsDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => JSON.parse(readFileSync(join(resultsDir, entry.name), 'utf8')) as Figure);

/** The table of the run, as Markdown; a case that recorded nothing shows "not run". */
export const figureTable = (size: string): string => {
  const figures = readFigures();
  const rows = CASES.map(([id, name]) => {
    const parts = figures.filter((f) => f.id === id || f.id.startsWith(`${id}:`));
    if (parts.length === 0) return `| ${id} | ${name} | not run | – |`;
    const holds = parts.every((p) => p.holds);
    const figure = parts
      .map((p) => (p.id === id ? p.figure : `${p.id.slice(3)}: ${p.figure}`))
      .join('; ');
    return `| ${id} | ${parts[0]?.title ?? name} | ${figure} | ${holds ? 'holds' : 'FAILS'} |`;
  });
  return [
    `Reliability suite, ${size} size, ${new Date().toISOString()}`,
    '',
    '| case | what | measured | verdict |',
    '| ---- | ---- | -------- | ------- |',
    ...rows,
    '',
  ].join('\n');
};

export const writeFigureTable = (size: string): string => {
  const table = figureTable(size);
  writeFileSync(lastRunFile, table);
  return table;
};
