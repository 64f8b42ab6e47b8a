import { html, type SafeHtml } from '../kernel/html.ts';

/**
 * The frame of every mail: a single 600 px table with inline styles, which Outlook's Word
 * engine and Gmail both render; no images, no scripts, no web fonts.
 */
export const mailLayout = (lang: string, title: string, body: SafeHtml, footer: SafeHtml): string =>
  html`<!DOCTYPE html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
      </head>
      <body style="margin:0;padding:0;background:#f3f4f6;">
        <table
          role="presentation"
          width="100%"
          cellpadding="0"
          cellspacing="0"
          border="0"
          style="background:#f3f4f6;"
        >
          <tr>
            <td align="center" style="padding:24px 12px;">
              <table
                role="presentation"
                width="600"
                cellpadding="0"
                cellspacing="0"
                border="0"
                style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;font-family:Segoe UI,Arial,sans-serif;color:#1f2937;"
              >
                <tr>
                  <td style="padding:28px 28px 8px 28px;font-size:16px;line-height:24px;">
                    ${body}
                  </td>
                </tr>
                <tr>
                  <td
                    style="padding:8px 28px 28px 28px;font-size:12px;line-height:18px;color:#6b7280;"
                  >
                    ${footer}
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>`.value;

/** A button that is a link (bulletproof: table cell background plus padded anchor). */
export const mailButton = (href: string, label: string, background = '#2563eb'): SafeHtml =>
  html`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:16px 0;">
    <tr>
      <td style="background:${background};border-radius:6px;">
        <a
          href="${href}"
          style="display:inline-block;padding:12px 20px;color:#ffffff;text-decoration:none;font-weight:bold;"
          >${label}</a
        >
      </td>
    </tr>
  </table>`;
