import { describe, expect, it } from 'vitest';
import {
  consolePeriodSchema,
  thisQuarterSoFar,
} from '#functions/reporting/console/console-period.ts';
import { csiByUnitPage, csiProblemPage } from '#functions/reporting/console/csi-by-unit-page.ts';

const URAL = {
  unitId: 'ural-steel',
  names: { ru: 'АО «Уральская сталь» <b>', en: 'Ural Steel' },
  sent: 120,
  rated: 15,
  responseRate: 0.125,
  average: 4.8,
};

describe('Page: the console CSI by business unit', () => {
  it('shows one row per unit, in the language asked, with every name escaped', () => {
    const page = csiByUnitPage('ru', { from: '2026-10-01', to: '2026-12-01' }, [
      URAL,
      { unitId: 'unassigned', names: undefined, sent: 3, rated: 0, responseRate: 0, average: null },
    ]);

    expect(page).toContain('<html lang="ru"');
    expect(page).toContain('АО «Уральская сталь» &lt;b&gt;');
    expect(page).not.toContain('<b>');
    expect(page).toContain('Не сопоставлено с подразделением');
    expect(page).toMatch(/12,5\s%/);
    expect(page).toContain('4,80');
    expect(page).toContain('с 2026-10-01 по 2026-12-01');
  });

  it('says no access, or a period it cannot read, with a way back', () => {
    expect(csiProblemPage('en', 'forbidden')).toContain('No access');
    expect(csiProblemPage('ru', 'bad-period')).toContain('ГГГГ-ММ-ДД');
    expect(csiProblemPage('ru', 'forbidden')).toContain('href="/console"');
  });
});

describe('Rule: the console period', () => {
  it("is this quarter so far by the installation's calendar when none is asked", () => {
    // 21:30 UTC on 31 Dec is already 1 Jan in Moscow: a new quarter there.
    const late = new Date('2026-12-31T21:30:00Z');
    expect(thisQuarterSoFar(late, 'Europe/Moscow')).toEqual({
      from: '2027-01-01',
      to: '2027-01-01',
    });
    expect(thisQuarterSoFar(late, 'UTC')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('takes both dates in order, and refuses one alone, a reversed pair or a non-date', () => {
    expect(consolePeriodSchema.safeParse({ from: '2026-01-01', to: '2026-03-31' }).success).toBe(
      true
    );
    expect(consolePeriodSchema.safeParse({}).success).toBe(true);
    expect(consolePeriodSchema.safeParse({ from: '2026-01-01' }).success).toBe(false);
    expect(consolePeriodSchema.safeParse({ from: '2026-03-31', to: '2026-01-01' }).success).toBe(
      false
    );
    expect(consolePeriodSchema.safeParse({ from: 'yesterday', to: '2026-01-01' }).success).toBe(
      false
    );
  });
});
