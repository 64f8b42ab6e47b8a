import { describe, expect, it } from 'vitest';
import { contactDecision } from '#functions/nps/domain/contact-policy.ts';

const NOW = new Date('2027-01-13T12:00:00.000Z');

describe('Rules: contact policy', () => {
  it('sends a CSI mail to a person never surveyed', () => {
    // Assess
    expect(contactDecision('csi', [], NOW)).toEqual({ action: 'send' });
  });

  it('delays, not drops, a CSI mail two days after an NPS mail, to seven days after it', () => {
    // Arrange
    const nps = { kind: 'nps', sentAt: '2027-01-11T07:00:00.000Z' } as const;

    // Act
    const decision = contactDecision('csi', [nps], NOW);

    // Assess
    expect(decision).toEqual({ action: 'delay', until: '2027-01-18T07:00:00.000Z', because: nps });
  });

  it('lets the latest invitation decide, in whatever order they come', () => {
    // Arrange
    const mails = [
      { kind: 'csi', sentAt: '2027-01-12T09:00:00.000Z' },
      { kind: 'csi', sentAt: '2026-12-01T09:00:00.000Z' },
      { kind: 'nps', sentAt: '2027-01-11T07:00:00.000Z' },
    ] as const;

    // Act
    const decision = contactDecision('csi', mails, NOW);

    // Assess
    expect(decision).toMatchObject({ action: 'delay', until: '2027-01-19T09:00:00.000Z' });
  });

  it('sends exactly one period after the last invitation', () => {
    // Assess
    expect(
      contactDecision('csi', [{ kind: 'csi', sentAt: '2027-01-06T12:00:00.000Z' }], NOW)
    ).toEqual({ action: 'send' });
    expect(
      contactDecision('csi', [{ kind: 'csi', sentAt: '2027-01-06T12:00:00.001Z' }], NOW)
    ).toMatchObject({ action: 'delay', until: '2027-01-13T12:00:00.001Z' });
  });

  it('counts an invitation recorded for a moment still ahead', () => {
    // Assess
    expect(
      contactDecision('csi', [{ kind: 'nps', sentAt: '2027-01-14T00:00:00.000Z' }], NOW)
    ).toMatchObject({ action: 'delay', until: '2027-01-21T00:00:00.000Z' });
  });

  it('gives NPS priority: it goes even the day after a CSI mail', () => {
    // Assess
    expect(
      contactDecision('nps', [{ kind: 'csi', sentAt: '2027-01-12T12:00:00.000Z' }], NOW)
    ).toEqual({ action: 'send' });
  });

  it('uses the configured period, and none at 0', () => {
    // Arrange
    const mails = [{ kind: 'csi', sentAt: '2027-01-12T12:00:00.000Z' }] as const;

    // Assess
    expect(contactDecision('csi', mails, NOW, 3 * 86400)).toMatchObject({
      action: 'delay',
      until: '2027-01-15T12:00:00.000Z',
    });
    expect(contactDecision('csi', mails, NOW, 0)).toEqual({ action: 'send' });
  });
});
