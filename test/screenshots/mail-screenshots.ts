/**
 * `npm run screenshots`: each mail of test/helpers/sample-mails.ts as a 320 px phone shows
 * it, into docs/screenshots/ (docs/mail.md shows them), in light mode, and the invitation in
 * dark mode too. Chromium as in the tests (test/helpers/chromium.ts); no network.
 */
import { mkdir } from 'node:fs/promises';
import { fromRoot } from '#lib/config/paths.ts';
import { launchChromium } from '#test/helpers/chromium.ts';
import { SAMPLE_MAILS } from '#test/helpers/sample-mails.ts';

const WIDTH = 320;
const folder = fromRoot('docs/screenshots');
await mkdir(folder, { recursive: true });
const browser = await launchChromium();
try {
  const shots = [
    ...SAMPLE_MAILS.map((sample) => ({ ...sample, scheme: 'light' as const, file: sample.name })),
    ...SAMPLE_MAILS.slice(0, 1).map((s) => ({
      ...s,
      scheme: 'dark' as const,
      file: `${s.name}-dark`,
    })),
  ];
  for (const { mail, scheme, file } of shots) {
    const context = await browser.newContext({
      viewport: { width: WIDTH, height: 640 },
      deviceScaleFactor: 2,
      offline: true,
      colorScheme: scheme,
    });
    const page = await context.newPage();
    await page.setContent(mail.html, { waitUntil: 'load' });
    const path = `${folder}/${file}-${WIDTH}.png`;
    await page.screenshot({ path, fullPage: true });
    await context.close();
    console.log(`docs/screenshots/${file}-${WIDTH}.png`);
  }
} finally {
  await browser.close();
}
