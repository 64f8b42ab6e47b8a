import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from '#test/helpers/axe.ts';
import { launchChromium } from '#test/helpers/chromium.ts';
import { MAIL_AUDIT, type MailAudit } from '#test/helpers/mail-audit.ts';
import { SAMPLE_MAILS } from '#test/helpers/sample-mails.ts';

/**
 * Every mail rendered in a real headless Chromium, as a phone's and a tablet's mail app
 * shows it (no script, no network): the five score buttons equal and on one row, text of
 * 13 px or more at 4.5:1 (3:1 when large), buttons at 3:1 against what surrounds them, in
 * light and in dark mode; and axe-core finds nothing serious or critical in any of them.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

const audit = async (html: string, width: number, colorScheme: 'light' | 'dark') => {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    javaScriptEnabled: true,
    offline: true,
    colorScheme,
  });
  const page = await context.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  const result = await page.evaluate<MailAudit>(MAIL_AUDIT);
  await context.close();
  return result;
};

/** The survey mails' five score buttons, the case mails' one. */
const buttonsOf = (name: string) => (name.includes('case') || name.includes('escalation') ? 1 : 5);

const cases = SAMPLE_MAILS.flatMap(({ name, mail }) =>
  [320, 390, 768].flatMap((width) =>
    (['light', 'dark'] as const).map((scheme) => ({ name, mail, width, scheme }))
  )
);

describe('Mail in Chromium', () => {
  it.each(cases)('$name at $width px, $scheme', async ({ name, mail, width, scheme }) => {
    // Act
    const result = await audit(mail.html, width, scheme);

    // Assess: nothing wider than the screen
    expect(result.scrollWidth).toBeLessThanOrEqual(width);
    // The survey mails: five equal buttons, one row, same top, inside the screen.
    if (name.startsWith('mail-invitation') || name.startsWith('mail-reminder')) {
      const boxes = result.scoreButtons;
      expect(boxes).toHaveLength(5);
      const first = boxes[0]!;
      for (const box of boxes) {
        expect(Math.abs(box.width - first.width)).toBeLessThanOrEqual(1);
        expect(Math.abs(box.y - first.y)).toBeLessThanOrEqual(1);
        expect(box.height).toBeGreaterThanOrEqual(44);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
      }
      for (let i = 1; i < boxes.length; i++) {
        expect(boxes[i]!.x).toBeGreaterThan(boxes[i - 1]!.x + boxes[i - 1]!.width);
      }
    } else {
      expect(result.scoreButtons).toHaveLength(0);
    }
    // Text: 13 px at least, 4.5:1 (3:1 when large).
    expect(result.texts.length).toBeGreaterThan(5);
    const unreadable = result.texts.filter((t) => t.size < 13 || t.ratio < (t.large ? 3 : 4.5));
    expect(unreadable).toEqual([]);
    // The card follows the reader's colour scheme (prefers-color-scheme in the frame).
    if (scheme === 'dark') expect(result.cardLuminance).toBeLessThan(0.05);
    else expect(result.cardLuminance).toBe(1);
    // Buttons: the fill at 3:1 against its surroundings, the label at 4.5:1 on the fill.
    expect(result.buttons.length).toBe(name.startsWith('mail-closing') ? 0 : buttonsOf(name));
    const weak = result.buttons.filter((b) => b.fill < 3 || b.text < 4.5);
    expect(weak).toEqual([]);
    // What a screen reader needs: the language, a name for every link, alt on images.
    expect(result.lang).toMatch(/^(ru|en)$/);
    expect(result.unnamedLinks).toBe(0);
    expect(result.imagesWithoutAlt).toBe(0);
  });

  // Light only: axe costs seconds a mail, and the dark scheme's contrast is the audit's above.
  it.each(SAMPLE_MAILS)(
    '$name has no serious or critical axe violation at 320 px',
    async ({ name, mail }) => {
      // Prepare
      const context = await browser.newContext({
        viewport: { width: 320, height: 900 },
        offline: true,
      });
      const page = await context.newPage();
      await page.setContent(mail.html, { waitUntil: 'load' });

      // Act / Assess
      await expectNoSeriousAxeViolations(page, name);
      await context.close();
    }
  );

  it('catches a button below 3:1 and a caption below 13 px (the mail of before)', async () => {
    // Prepare: the invitation with the old yellow button (2.94:1) and 11 px captions.
    const { mail } = SAMPLE_MAILS[0]!;
    const before = mail.html
      .replaceAll('#a16207', '#ca8a04')
      .replace('font-size:14px;line-height:21px', 'font-size:11px;line-height:16px');

    // Act
    const result = await audit(before, 320, 'light');

    // Assess
    expect(result.buttons.filter((b) => b.fill < 3).map((b) => b.label)).toEqual(['3']);
    expect(result.texts.some((t) => t.size < 13)).toBe(true);
  });
});
