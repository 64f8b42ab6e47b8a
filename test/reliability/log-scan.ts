import { readFile } from 'node:fs/promises';
import { expect, inject, it } from 'vitest';
import { recordFigure } from './figures.ts';

/**
 * R7: what a run must never write to a log line: the people's addresses, their comments,
 * and the tokens (link tokens from the mails, task tokens from the table). A file collects
 * what its cases used, then scans the runtime's output for every one of them.
 */
export class Secrets {
  private readonly values = new Set<string>();

  add(...values: (string | undefined)[]): void {
    for (const value of values) if (value && value.length >= 6) this.values.add(value);
  }

  /** The tokens of a mail's links (`/r/…`, `/u/…`, `/f/…`). */
  addLinksOf(text: string): void {
    for (const match of text.matchAll(/\/[ruf]\/([A-Za-z0-9_-]{16,})/g)) this.add(match[1]);
  }

  get size(): number {
    return this.values.size;
  }

  /** The lines that hold any of the values, each with the kind of value it holds. */
  leaksIn(lines: readonly string[]): { line: number; value: string }[] {
    const leaks: { line: number; value: string }[] = [];
    lines.forEach((line, index) => {
      for (const value of this.values) {
        if (line.includes(value)) leaks.push({ line: index + 1, value: `${value.slice(0, 4)}…` });
      }
    });
    return leaks;
  }
}

/** The shared runtime's output so far (global setup keeps it in a file). */
export const sharedRuntimeLines = async (): Promise<string[]> =>
  (await readFile(inject('reliability').logFile, 'utf8')).split('\n').filter((l) => l.length > 0);

/**
 * The file's R7 case, run last in the file: every value it collected, against every line
 * the runtime wrote. `part` names the file's share of R7 in the table.
 */
export const itScansTheLog = (
  part: string,
  secrets: Secrets,
  lines: () => Promise<readonly string[]> = sharedRuntimeLines
) => {
  it(`R7 log scan (${part}): no address, comment or token in any log line`, async () => {
    const all = await lines();
    const leaks = secrets.leaksIn(all);
    recordFigure({
      id: `R7:${part}`,
      title: 'log scan',
      figure: `${String(leaks.length)} leak(s) of ${String(secrets.size)} values in ${String(all.length)} lines`,
      holds: leaks.length === 0 && secrets.size > 0,
    });
    expect(secrets.size).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
};
