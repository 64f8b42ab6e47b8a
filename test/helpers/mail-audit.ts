/**
 * What the Chromium mail checks read from a rendered mail, computed in the page: the score
 * buttons' boxes, every visible text run's size and contrast against what is behind it,
 * every button's contrast against its surroundings, and the basics a screen reader needs.
 * A string, evaluated in the page: this project's TypeScript has no DOM library.
 */
export interface MailAudit {
  readonly scoreButtons: { x: number; y: number; width: number; height: number }[];
  readonly scrollWidth: number;
  readonly texts: { text: string; size: number; ratio: number; large: boolean }[];
  readonly buttons: { label: string; fill: number; text: number }[];
  readonly lang: string;
  /** The relative luminance of the mail's card (0 black … 1 white): dark mode darkens it. */
  readonly cardLuminance: number;
  readonly unnamedLinks: number;
  readonly imagesWithoutAlt: number;
}

export const MAIL_AUDIT = `(() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p[3] === undefined ? 1 : p[3]];
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const fill = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) return c;
    }
    return [255, 255, 255, 1];
  };
  const around = (el) => {
    const own = fill(el).join();
    for (let e = el.parentElement; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0 && c.join() !== own) return c;
    }
    return [255, 255, 255, 1];
  };
  const visible = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && el.getClientRects().length > 0;
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = n.textContent.trim();
    if (!text || !el || !visible(el)) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    texts.push({ text: text.slice(0, 40), size, ratio: ratio(parse(style.color), fill(el)), large: size >= 24 || (bold && size >= 18.66) });
  }
  const buttons = [...document.querySelectorAll('td[bgcolor] > a')].map((a) => ({
    label: a.textContent.trim(),
    fill: ratio(fill(a), around(a)),
    text: ratio(parse(getComputedStyle(a).color), fill(a)),
  }));
  const scoreButtons = [...document.querySelectorAll('a[href*="score="]')].map((a) => {
    const r = a.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  return {
    scoreButtons,
    scrollWidth: document.documentElement.scrollWidth,
    texts,
    buttons,
    lang: document.documentElement.lang,
    cardLuminance: lum(fill(document.querySelector('.card'))),
    unnamedLinks: [...document.querySelectorAll('a')].filter((a) => !(a.getAttribute('aria-label') || a.textContent).trim()).length,
    imagesWithoutAlt: [...document.querySelectorAll('img')].filter((i) => !i.hasAttribute('alt')).length,
  };
})()`;
