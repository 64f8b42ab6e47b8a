import { describe, expect, it } from 'vitest';
import { csiMetricsQuerySchema } from '#functions/reporting/api/reporting.schema.ts';
import {
  followUpIdSchema,
  followUpsQuerySchema,
} from '#functions/follow-up/api/follow-up-api.schema.ts';

const issuesOf = (input: unknown) => {
  const result = csiMetricsQuerySchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path, message: i.message }));
};

describe('Schema: csiMetricsQuerySchema', () => {
  it('accepts a period with filters', () => {
    // Act
    const parsed = csiMetricsQuerySchema.parse({
      from: '2025-01-01',
      to: '2025-03-31',
      businessUnit: 'Finance',
      service: 'svc-payroll',
    });

    // Assess
    expect(parsed).toEqual({
      from: '2025-01-01',
      to: '2025-03-31',
      businessUnit: 'Finance',
      service: 'svc-payroll',
    });
  });

  it('accepts a single day', () => {
    // Act
    const result = csiMetricsQuerySchema.safeParse({ from: '2024-02-29', to: '2024-02-29' });

    // Assess
    expect(result.success).toBe(true);
  });

  it.each([['2025-02-30'], ['2025-13-01'], ['2025-1-5'], ['05.01.2025'], ['2025-01-05T00:00:00Z']])(
    'rejects the date %s',
    (from) => {
      // Act
      const issues = issuesOf({ from, to: '2025-12-31' });

      // Assess
      expect(issues).toContainEqual(expect.objectContaining({ path: ['from'] }));
    }
  );

  it('rejects a missing end', () => {
    // Act
    const issues = issuesOf({ from: '2025-01-01' });

    // Assess
    expect(issues).toContainEqual(expect.objectContaining({ path: ['to'] }));
  });

  it('rejects a start after the end', () => {
    // Act
    const issues = issuesOf({ from: '2025-03-02', to: '2025-03-01' });

    // Assess
    expect(issues).toEqual([{ path: ['from'], message: 'from must not be after to' }]);
  });

  it('accepts two years', () => {
    // Act
    const result = csiMetricsQuerySchema.safeParse({ from: '2023-01-01', to: '2025-01-01' });

    // Assess
    expect(result.success).toBe(true);
  });

  it('rejects a period longer than two years', () => {
    // Act
    const issues = issuesOf({ from: '2023-01-01', to: '2025-01-02' });

    // Assess
    expect(issues).toEqual([{ path: ['to'], message: 'at most two years at a time' }]);
  });

  it('rejects an empty filter', () => {
    // Act
    const issues = issuesOf({ from: '2025-01-01', to: '2025-01-31', businessUnit: '' });

    // Assess
    expect(issues).toContainEqual(expect.objectContaining({ path: ['businessUnit'] }));
  });
});

describe('Schema: followUpsQuerySchema', () => {
  it('defaults to the first 50 open cases', () => {
    // Act
    const parsed = followUpsQuerySchema.parse({});

    // Assess
    expect(parsed).toEqual({ status: 'open', limit: 50 });
  });

  it('coerces the limit and rejects one above 100', () => {
    // Act
    const ok = followUpsQuerySchema.safeParse({ status: 'overdue', limit: '100' });
    const tooMany = followUpsQuerySchema.safeParse({ limit: '101' });

    // Assess
    expect(ok.data).toEqual({ status: 'overdue', limit: 100 });
    expect(tooMany.success).toBe(false);
  });
});

describe('Schema: followUpIdSchema', () => {
  it('accepts 32 lowercase hex characters only', () => {
    // Act
    const ok = followUpIdSchema.safeParse({ id: '0123456789abcdef0123456789abcdef' });
    const upper = followUpIdSchema.safeParse({ id: '0123456789ABCDEF0123456789ABCDEF' });
    const short = followUpIdSchema.safeParse({ id: '0123' });

    // Assess
    expect(ok.success).toBe(true);
    expect(upper.success).toBe(false);
    expect(short.success).toBe(false);
  });
});
