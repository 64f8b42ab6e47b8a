import { describe, expect, it, vi } from 'vitest';
import { ALIAS_CACHE_MS, attributionOf, unitResolver } from '#functions/intake/unit-resolution.ts';

const NOW = new Date('2026-11-26T09:00:00.000Z');

describe('Intake: unit resolution', () => {
  it('attributes a ticket to the unit an alias names, reading once a minute per value', async () => {
    // Prepare
    const resolve = vi.fn().mockResolvedValue('ural-steel');
    let now = NOW;
    const resolveUnit = unitResolver({ resolve }, () => now);

    // Act
    const first = await resolveUnit('generic', { id: 'FIN', name: 'Финансы' });
    await resolveUnit('generic', { id: 'fin ', name: 'финансы' });
    now = new Date(NOW.getTime() + ALIAS_CACHE_MS + 1);
    await resolveUnit('generic', { id: 'FIN', name: 'Финансы' });

    // Assess
    expect(first).toEqual({ kind: 'registered', unitId: 'ural-steel' });
    expect(attributionOf(first)).toEqual({ businessUnit: 'ural-steel', unitPart: 'ural-steel' });
    expect(resolve).toHaveBeenCalledTimes(2);
    expect(resolve).toHaveBeenCalledWith([
      { source: 'generic', value: 'fin' },
      { source: 'any', value: 'fin' },
      { source: 'generic', value: 'финансы' },
      { source: 'any', value: 'финансы' },
    ]);
  });

  it('keeps an unknown value unassigned under its own key part, and asks again next time', async () => {
    // Prepare
    const resolve = vi.fn().mockResolvedValue(undefined);
    const resolveUnit = unitResolver({ resolve }, () => NOW);

    // Act
    const unknown = await resolveUnit('naumen', { id: 'ou$9', name: 'Юг' });
    await resolveUnit('naumen', { id: 'ou$9', name: 'Юг' });

    // Assess
    expect(unknown).toMatchObject({ kind: 'unassigned', source: 'naumen', value: 'ou$9' });
    expect(attributionOf(unknown)).toMatchObject({
      businessUnit: 'unassigned',
      unitPart: expect.stringMatching(/^unassigned~/),
    });
    // No miss is cached: a value mapped a moment ago is found by the next ticket.
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('reads nothing for a ticket without a unit', async () => {
    // Prepare
    const resolve = vi.fn();

    // Act
    const none = await unitResolver({ resolve }, () => NOW)('jira', undefined);

    // Assess
    expect(attributionOf(none)).toEqual({ businessUnit: 'unassigned', unitPart: 'unassigned' });
    expect(resolve).not.toHaveBeenCalled();
  });
});
