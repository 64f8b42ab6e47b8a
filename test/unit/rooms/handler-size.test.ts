import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '#lib/config/paths.ts';
import { functionDefinitions } from '#lib/definitions/functions.ts';

/**
 * Handlers stay thin (parse → call a use case → map the result): a handler module that
 * grows past 80 lines has logic that belongs in a use case or a store. ESLint's
 * max-lines-per-function guards functions; this guards the handler files themselves.
 */
const MAX_HANDLER_LINES = 80;

describe('Rule: handler files stay thin', () => {
  const entries = [...new Set(functionDefinitions.map((fn) => fn.entry))];

  it('covers every declared handler', () => {
    expect(entries.length).toBeGreaterThan(20);
  });

  it.each(entries)('%s has at most 80 lines', (entry) => {
    const lines = readFileSync(fromRoot(entry), 'utf8').trimEnd().split('\n').length;
    expect(lines).toBeLessThanOrEqual(MAX_HANDLER_LINES);
  });
});
