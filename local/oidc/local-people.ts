import type { Role } from '#shared/kernel/access-rules.ts';

/**
 * The people of the local OIDC provider, one per role (README.md lists them): local-only
 * accounts with fixed passwords, printed by `npm start`. No such account exists on AWS.
 */
export interface LocalPerson {
  /** The issuer's subject. */
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  /** Business-unit ids; a unit viewer sees only these. */
  readonly units: readonly string[];
  /** What they are, for the start-up listing. */
  readonly title: string;
}

export const LOCAL_PEOPLE = [
  {
    sub: 'local-admin-aleksey',
    name: 'Алексей Админов',
    email: 'admin@ssc.local',
    password: 'otklik-admin',
    role: 'admin',
    units: [],
    title: 'admin',
  },
  {
    sub: 'local-quality-maria',
    name: 'Мария Кузнецова',
    email: 'quality@ssc.local',
    password: 'otklik-quality',
    role: 'quality-manager',
    units: [],
    title: 'quality manager',
  },
  {
    sub: 'local-cfo-irina',
    name: 'Ирина Соколова',
    email: 'cfo@ural-steel.local',
    password: 'otklik-cfo',
    role: 'unit-viewer',
    units: ['ural-steel'],
    title: 'CFO of ural-steel',
  },
  {
    sub: 'local-hr-dmitry',
    name: 'Дмитрий Орлов',
    email: 'hr@volga-logistics.local',
    password: 'otklik-hr',
    role: 'unit-viewer',
    units: ['volga-logistics'],
    title: 'HR director of volga-logistics',
  },
  {
    sub: 'local-owner-pavel',
    name: 'Павел Смирнов',
    email: 'owner@ssc.local',
    password: 'otklik-owner',
    role: 'case-owner',
    units: [],
    title: 'case owner',
  },
] as const satisfies readonly LocalPerson[];

/** The web client of the sign-in routes (public: PKCE, no secret). */
export const LOCAL_WEB_CLIENT_ID = 'otklik-web';
/** The machine client (client credentials): a reporting tool with the quality manager's role. */
export const LOCAL_MACHINE_CLIENT_ID = 'otklik-reports';
export const LOCAL_MACHINE_ROLE: Role = 'quality-manager';
/** The resource a machine client asks for (RFC 8707), and the `aud` of its tokens. */
export const LOCAL_API_RESOURCE = 'urn:otklik:api';
export const LOCAL_API_AUDIENCE = 'otklik-api';
export const LOCAL_API_SCOPE = 'otklik.api';
