import { html, type SafeHtml } from '#shared/kernel/html.ts';
import { UNASSIGNED } from '#shared/kernel/business-unit-alias.ts';
import type { Language } from '#shared/kernel/language.ts';
import { renderPage } from '#shared/layout/page-layout.ts';
import type { UnitCsi } from './csi-by-unit.service.ts';
import { csiPageWords } from './words.ts';

const number = (language: Language, value: number, digits: number) =>
  new Intl.NumberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);

/** The console's CSI table: one row per unit the person may see, every text escaped. */
export const csiByUnitPage = (
  language: Language,
  period: { readonly from: string; readonly to: string },
  rows: readonly UnitCsi[]
): string => {
  const t = csiPageWords[language];
  const nameOf = (row: UnitCsi) =>
    row.unitId === UNASSIGNED ? t.unassigned : (row.names?.[language] ?? row.unitId);
  const cells = (row: UnitCsi): SafeHtml =>
    html`<tr data-unit="${row.unitId}">
      <th scope="row">${nameOf(row)}</th>
      <td>${number(language, row.sent, 0)}</td>
      <td>${number(language, row.rated, 0)}</td>
      <td>
        ${row.responseRate === null ? t.none : `${number(language, row.responseRate * 100, 1)} %`}
      </td>
      <td>${row.average === null ? t.none : number(language, row.average, 2)}</td>
    </tr>`;
  return renderPage(
    language,
    t.title,
    html`<h1>${t.title}</h1>
      <p>${t.period(period.from, period.to)}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">${t.unit}</th>
            <th scope="col">${t.sent}</th>
            <th scope="col">${t.rated}</th>
            <th scope="col">${t.responseRate}</th>
            <th scope="col">${t.average}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(cells)}
        </tbody>
      </table>
      <p><a href="/console">${t.back}</a></p>`
  );
};

/** A page with a title and one sentence: no access, or a period that cannot be read. */
export const csiProblemPage = (language: Language, problem: 'forbidden' | 'bad-period') => {
  const t = csiPageWords[language];
  const [title, body] =
    problem === 'forbidden'
      ? [t.forbiddenTitle, t.forbiddenBody]
      : [t.badPeriodTitle, t.badPeriodBody];
  return renderPage(
    language,
    title,
    html`<h1>${title}</h1>
      <p>${body}</p>
      <p><a href="/console">${t.back}</a></p>`
  );
};
