import { describe, expect, it } from 'vitest';
import { brandingSettingsSchema } from '#shared/settings/branding-settings.ts';
import { csiSettingsSchema } from '#shared/settings/csi-settings.ts';

describe('Schema: brandingSettingsSchema', () => {
  it('defaults to a Russian SSC, its language ru and Moscow time', () => {
    // Act
    const settings = csiSettingsSchema.parse({});

    // Assess
    expect(settings.sscLanguage).toBe('ru');
    expect(settings.timeZone).toBe('Europe/Moscow');
    expect(settings.branding.sscName.ru).toBe('Центр общего обслуживания');
    expect(settings.branding.senderName.ru).toBe('Служба качества ЦОО');
    expect(settings.branding.logoUrl).toBeUndefined();
  });

  it('reads one text for both languages, or one per language', () => {
    // Act
    const { branding } = brandingSettingsSchema.parse({
      branding: { sscName: 'ЦОО Север', contact: { ru: 'Звоните 1234', en: 'Call 1234' } },
    });

    // Assess
    expect(branding.sscName).toEqual({ ru: 'ЦОО Север', en: 'ЦОО Север' });
    expect(branding.contact).toEqual({ ru: 'Звоните 1234', en: 'Call 1234' });
  });

  it('survives the round trip through CSI_SETTINGS', () => {
    // Prepare
    const parsed = csiSettingsSchema.parse({ branding: { signature: 'A\nB' } });

    // Act
    const again = csiSettingsSchema.parse(JSON.parse(JSON.stringify(parsed)));

    // Assess
    expect(again).toEqual(parsed);
  });

  it.each([
    [{ branding: { logoUrl: 'http://cdn.example.com/logo.png' } }, 'logoUrl'],
    [{ branding: { sscName: '' } }, 'sscName'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ sscLanguage: 'de' }, 'sscLanguage'],
  ])('refuses %j', (input, field) => {
    // Act
    const result = brandingSettingsSchema.safeParse(input);

    // Assess
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues.map((i) => i.path))).toContain(field);
  });
});
