import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Runs axe-core on the page as it stands (WCAG 2.x A and AA rules) and fails on every
 * serious or critical violation, naming the rule and the elements, so a red test says
 * what to fix. Minor and moderate findings are left to review.
 */
export const expectNoSeriousAxeViolations = async (page: Page, where: string): Promise<void> => {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact ?? ''}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
    );
  expect(serious, `axe on ${where}`).toEqual([]);
};
