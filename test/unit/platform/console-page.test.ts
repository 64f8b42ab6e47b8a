import { describe, expect, it } from 'vitest';
import { consolePage } from '#functions/platform/console/console-page.ts';

const viewer = {
  sub: 'v',
  name: '<script>alert(1)</script> Ирина',
  email: 'cfo@ural-steel.local',
  role: 'unit-viewer' as const,
  units: ['ural-steel', 'volga"><b>'],
  via: 'session' as const,
};

describe('Console: home page', () => {
  it('names the person, their role and units in words, everything escaped', () => {
    const page = consolePage('ru', viewer, 'tok"en');

    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Ирина');
    expect(page).not.toContain('<script>');
    expect(page).toContain('Представитель подразделения');
    expect(page).toContain('ural-steel, volga&quot;&gt;&lt;b&gt;');
    expect(page).toContain('name="_csrf" value="tok&quot;en"');
    expect(page).toMatch(/<form method="post" action="\/auth\/sign-out">/);
  });

  it('says "all units" for a role that sees them all, in English too', () => {
    const page = consolePage('en', { ...viewer, role: 'quality-manager', units: 'all' }, undefined);

    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Quality manager');
    expect(page).toContain('All business units');
    expect(page).toContain('name="_csrf" value=""');
  });
});
