import { describe, expect, it } from 'vitest';
import { maskedAddress } from '#functions/csi/pages/masked-address.ts';
import { optOutPage, type OptOutPageView } from '#functions/csi/pages/opt-out-page.ts';
import { optOutStateOf } from '#functions/csi/pages/opt-out.service.ts';

const view = (overrides: Partial<OptOutPageView> = {}): OptOutPageView => ({
  language: 'ru',
  timeZone: 'Europe/Moscow',
  state: 'ask',
  address: 'i***@example.com',
  ...overrides,
});

/** The visible words of a page, tags dropped and spaces folded. */
const textOf = (page: string) =>
  page
    .replace(/<style[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('Page: optOutPage', () => {
  it('says what an opt-out would do before it is done: the address, CSI and NPS', () => {
    // Act
    const page = optOutPage(view());

    // Assess
    expect(textOf(page)).toContain('Мы перестанем присылать опросы на адрес i***@example.com.');
    expect(textOf(page)).toContain('(CSI)');
    expect(textOf(page)).toContain('(NPS)');
    expect(page).toContain('<form method="post">');
    expect(page).toContain('name="action" value="unsubscribe"');
  });

  it('offers "stay subscribed" as a GET that changes nothing', () => {
    // Act
    const page = optOutPage(view({ language: 'en' }));

    // Assess: a GET form to ?view=stay, no second POST form
    expect(page).toMatch(
      /<form method="get">\s*<input type="hidden" name="view" value="stay" \/>\s*<button type="submit" class="secondary">Stay subscribed<\/button>/
    );
    expect(page.match(/method="post"/g)).toHaveLength(1);
    expect(textOf(optOutPage(view({ language: 'en', state: 'stay' })))).toContain(
      'Nothing has changed'
    );
  });

  it('shows an opt-out with its time in the installation zone, never UTC, and a way back', () => {
    // Act
    const page = optOutPage(
      view({ state: 'unsubscribed', optedOutAt: '2026-12-03T15:00:00.000Z' })
    );

    // Assess
    expect(textOf(page)).toContain(
      'С 3 декабря 2026 г. в 18:00 (Москва) мы не присылаем опросы на адрес i***@example.com: ни CSI, ни NPS.'
    );
    expect(page).not.toContain('UTC');
    expect(page).not.toContain('value="unsubscribe"');
    expect(page).toContain('name="action" value="resubscribe"');
    expect(textOf(page)).toContain('Снова получать опросы');
  });

  it('reads the same time in another installation zone', () => {
    // Act
    const page = optOutPage(
      view({
        language: 'en',
        timeZone: 'Asia/Vladivostok',
        state: 'unsubscribed',
        optedOutAt: '2026-12-03T15:00:00.000Z',
      })
    );

    // Assess
    expect(textOf(page)).toContain('Since 4 December 2026 at 01:00');
  });

  it('confirms a re-subscription without a form', () => {
    // Act
    const page = optOutPage(view({ state: 'resubscribed' }));

    // Assess
    expect(textOf(page)).toContain('Вы снова подписаны');
    expect(textOf(page)).toContain('Опросы снова будут приходить на адрес i***@example.com.');
    expect(page).not.toContain('<form');
  });

  it('escapes the address', () => {
    // Act
    const page = optOutPage(view({ address: '<b>@example.com' }));

    // Assess
    expect(page).toContain('&lt;b&gt;@example.com');
    expect(page).not.toContain('<b>@');
  });
});

describe('Rule: optOutStateOf', () => {
  it.each([
    [{ optedOutAt: '2026-12-03T15:00:00.000Z' }, undefined, 'unsubscribed'],
    // A second visit never offers the form again, whatever the link asks.
    [{ optedOutAt: '2026-12-03T15:00:00.000Z' }, 'stay', 'unsubscribed'],
    [{ optedOutAt: '2026-12-03T15:00:00.000Z' }, 'resubscribed', 'unsubscribed'],
    [{ optedOutAt: undefined }, undefined, 'ask'],
    [{ optedOutAt: undefined }, 'stay', 'stay'],
    [{ optedOutAt: undefined }, 'resubscribed', 'resubscribed'],
  ] as const)('%o asked %s shows %s', (status, asked, state) => {
    // Act / Assess
    expect(optOutStateOf({ address: undefined, ...status }, asked)).toBe(state);
  });
});

describe('Function: maskedAddress', () => {
  it.each([
    ['ivan.petrov@example.com', 'i***@example.com'],
    [' Anna@Example.com ', 'A***@Example.com'],
    ['a@b.ru', 'a***@b.ru'],
    ['no-at-sign', '***'],
    ['@example.com', '***'],
  ])('masks %s as %s', (address, masked) => {
    // Act / Assess
    expect(maskedAddress(address)).toBe(masked);
  });
});
