import type { Language } from '../kernel/language.ts';
import type { Branding } from '../settings/branding-settings.ts';
import { multiline } from './mail-template.ts';

/** One mail, ready for sendMail: its subject, both parts, and who it says it is from. */
export interface RenderedMail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** The From header's display name (the branding's sender name, in the mail's language). */
  readonly fromName: string;
}

/**
 * The frame's part of every mail (functions/shared/mail/frame-*.mjml): the SSC's name or
 * logo at the head, its signature and contact line at the foot, in the mail's language.
 */
export const frameSlots = (branding: Branding, language: Language) => ({
  slots: {
    sscName: branding.sscName[language],
    logoUrl: branding.logoUrl ?? '',
    signature: multiline(branding.signature[language]),
    contact: branding.contact[language],
  },
  blocks: { logo: branding.logoUrl !== undefined, noLogo: branding.logoUrl === undefined },
});

/** The frame's foot in the plain-text part: the signature's lines, then the contact line. */
export const frameText = (branding: Branding, language: Language): string[] => [
  '--',
  branding.signature[language].trim(),
  '',
  branding.contact[language],
];
