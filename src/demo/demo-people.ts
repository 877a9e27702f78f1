import type { Random } from './demo-random.ts';

export type TeamKey = 'support' | 'billing' | 'technical';
export type AgentRole = 'admin' | 'supervisor' | 'agent' | 'light_agent';

export interface DemoAgent {
  key: string;
  name: string;
  email: string;
  role: AgentRole;
  timeZone: string;
  teams: TeamKey[];
}

export const DEMO_PASSWORD = 'tend-demo';

export const DEMO_AGENTS: DemoAgent[] = [
  { key: 'ada', name: 'Ada Admin', email: 'admin@example.com', role: 'admin', timeZone: 'Europe/London', teams: [] },
  { key: 'sam', name: 'Sam Okafor', email: 'sam.okafor@example.com', role: 'supervisor', timeZone: 'Europe/London', teams: ['support', 'billing'] },
  { key: 'priya', name: 'Priya Raman', email: 'priya.raman@example.com', role: 'agent', timeZone: 'Europe/London', teams: ['support', 'billing'] },
  { key: 'marcus', name: 'Marcus Lindqvist', email: 'marcus.lindqvist@example.com', role: 'agent', timeZone: 'Europe/Stockholm', teams: ['support', 'technical'] },
  { key: 'elena', name: 'Elena García', email: 'elena.garcia@example.com', role: 'agent', timeZone: 'Europe/Madrid', teams: ['billing'] },
  { key: 'jamal', name: 'Jamal Carter', email: 'jamal.carter@example.com', role: 'agent', timeZone: 'America/New_York', teams: ['support', 'technical'] },
  // An engineer who reads tickets and leaves notes, but does not answer customers.
  { key: 'mei', name: 'Mei Tanaka', email: 'mei.tanaka@example.com', role: 'light_agent', timeZone: 'America/Los_Angeles', teams: ['technical'] },
];

export const DEMO_TEAMS: { key: TeamKey; name: string; description: string }[] = [
  { key: 'support', name: 'Support', description: 'First line: orders, shipping, accounts and how-to questions.' },
  { key: 'billing', name: 'Billing', description: 'Payments, invoices, subscriptions and refunds.' },
  { key: 'technical', name: 'Technical', description: 'Devices, the app, connectivity and bugs; works with engineering.' },
];

export interface DemoOrganization {
  name: string;
  domain: string;
  notes: string;
  attributes: Record<string, unknown>;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { name: 'Northwind Traders', domain: 'northwind.example', notes: 'Retail chain; Lumo lighting in 12 stores.', attributes: { plan: 'Business', seats: 40 } },
  { name: 'Bluebird Property Management', domain: 'bluebird.example', notes: 'Installs Lumo in rented flats; tenants write in too.', attributes: { plan: 'Business', seats: 15, accountManager: 'Sam Okafor' } },
  { name: 'Kestrel Hotels', domain: 'kestrelhotels.example', notes: 'Three boutique hotels, piloting Lumo in guest rooms.', attributes: { plan: 'Business', seats: 8 } },
];

interface Locale {
  language: string;
  timeZones: string[];
  /** A fictional number range (reserved for drama and documentation), or none. */
  phone?: (random: Random) => string;
  first: string[];
  last: string[];
  weight: number;
}

// Every phone number is in a range its regulator reserves for fiction, so no real person is ever texted.
const LOCALES: Locale[] = [
  {
    language: 'en',
    timeZones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
    phone: (r) => `+1 ${r.pick(['202', '312', '415', '617', '512'])} 555 01${String(r.int(0, 99)).padStart(2, '0')}`,
    first: ['Emily', 'Michael', 'Jessica', 'David', 'Ashley', 'Christopher', 'Sarah', 'Daniel', 'Megan', 'Ryan', 'Brianna', 'Tyler', 'Olivia', 'Nathan'],
    last: ['Johnson', 'Williams', 'Brown', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Thompson', 'Martinez', 'Robinson', 'Walker', 'Young', 'Hall'],
    weight: 30,
  },
  {
    language: 'en',
    timeZones: ['Europe/London'],
    phone: (r) => `+44 7700 900${String(r.int(0, 999)).padStart(3, '0')}`,
    first: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Sophie', 'Jack', 'Charlotte', 'Alfie', 'Grace', 'Callum', 'Freya'],
    last: ['Smith', 'Jones', 'Taylor', 'Evans', 'Hughes', 'Wright', 'Patel', 'Clarke', 'Turner', 'Morgan', 'Bennett', 'Shaw'],
    weight: 20,
  },
  {
    language: 'en',
    timeZones: ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Brisbane'],
    phone: (r) => `+61 491 570 ${String(r.int(6, 159)).padStart(3, '0')}`,
    first: ['Lachlan', 'Chloe', 'Mitchell', 'Zoe', 'Jayden', 'Ruby', 'Cooper', 'Matilda'],
    last: ['Kelly', 'Murphy', "O'Brien", 'Ryan', 'Campbell', 'Stewart', 'Harris', 'McDonald'],
    weight: 8,
  },
  {
    language: 'de',
    timeZones: ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich'],
    first: ['Lukas', 'Anna', 'Felix', 'Lea', 'Jonas', 'Hannah', 'Maximilian', 'Sophie', 'Katrin'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Schäfer'],
    weight: 12,
  },
  {
    language: 'fr',
    timeZones: ['Europe/Paris', 'Europe/Brussels'],
    first: ['Camille', 'Louis', 'Manon', 'Hugo', 'Chloé', 'Théo', 'Léa', 'Julien'],
    last: ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Roux'],
    weight: 8,
  },
  {
    language: 'es',
    timeZones: ['Europe/Madrid', 'America/Mexico_City', 'America/Bogota'],
    first: ['Lucía', 'Mateo', 'Sofía', 'Alejandro', 'Valentina', 'Diego', 'Carmen', 'Javier'],
    last: ['Hernández', 'López', 'Gómez', 'Díaz', 'Torres', 'Ramírez', 'Navarro', 'Ruiz'],
    weight: 8,
  },
  {
    language: 'pt-BR',
    timeZones: ['America/Sao_Paulo'],
    first: ['Gabriel', 'Beatriz', 'Rafael', 'Larissa', 'Thiago', 'Fernanda'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Costa', 'Almeida'],
    weight: 5,
  },
  {
    language: 'nl',
    timeZones: ['Europe/Amsterdam'],
    first: ['Daan', 'Sanne', 'Bram', 'Lotte', 'Sem', 'Fleur'],
    last: ['de Jong', 'Jansen', 'de Vries', 'Bakker', 'Visser', 'Smit'],
    weight: 5,
  },
  {
    language: 'ja',
    timeZones: ['Asia/Tokyo'],
    first: ['Haruto', 'Yui', 'Sota', 'Aoi', 'Ren', 'Hina'],
    last: ['Sato', 'Suzuki', 'Takahashi', 'Watanabe', 'Ito', 'Yamamoto'],
    weight: 4,
  },
];

const PRIVATE_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example', 'inbox.example'];
const CITIES: Record<string, string[]> = {
  'America/New_York': ['New York', 'Boston', 'Philadelphia'],
  'America/Chicago': ['Chicago', 'Austin', 'Minneapolis'],
  'America/Denver': ['Denver', 'Salt Lake City'],
  'America/Los_Angeles': ['San Francisco', 'Seattle', 'Portland'],
  'Europe/London': ['London', 'Manchester', 'Bristol', 'Leeds'],
  'Australia/Sydney': ['Sydney'],
  'Australia/Melbourne': ['Melbourne'],
  'Australia/Brisbane': ['Brisbane'],
  'Europe/Berlin': ['Berlin', 'Hamburg', 'Munich'],
  'Europe/Vienna': ['Vienna'],
  'Europe/Zurich': ['Zurich'],
  'Europe/Paris': ['Paris', 'Lyon'],
  'Europe/Brussels': ['Brussels'],
  'Europe/Madrid': ['Madrid', 'Valencia'],
  'America/Mexico_City': ['Mexico City'],
  'America/Bogota': ['Bogotá'],
  'America/Sao_Paulo': ['São Paulo'],
  'Europe/Amsterdam': ['Amsterdam', 'Utrecht'],
  'Asia/Tokyo': ['Tokyo', 'Osaka'],
};

export interface DemoCustomer {
  first: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** Writes in over WhatsApp from their phone number. */
  whatsapp: boolean;
  language: string;
  timeZone: string;
  city: string;
  /** Index into DEMO_ORGANIZATIONS. */
  organization: number | null;
  tags: string[];
  attributes: Record<string, unknown>;
}

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** About eighty customers from around the world; some work for the demo organizations. */
export function demoCustomers(random: Random, count = 80): DemoCustomer[] {
  const customers: DemoCustomer[] = [];
  const taken = new Set<string>();
  const localeWeights = Object.fromEntries(LOCALES.map((l, i) => [String(i), l.weight]));
  while (customers.length < count) {
    const locale = LOCALES[Number(random.weighted(localeWeights))] as Locale;
    const first = random.pick(locale.first);
    const last = random.pick(locale.last);
    const name = `${first} ${last}`;

    // Every fifth customer works for one of the organizations, and writes from its domain.
    const organization = customers.length % 5 === 0 ? (customers.length / 5) % DEMO_ORGANIZATIONS.length : null;
    const org = organization === null ? null : DEMO_ORGANIZATIONS[organization];
    const local = random.pick([`${ascii(first)}.${ascii(last)}`, `${ascii(first)}${ascii(last).slice(0, 1)}`, `${ascii(first).slice(0, 1)}${ascii(last)}`]);
    const phone = locale.phone && random.chance(0.7) ? locale.phone(random) : null;
    // A few people only ever text or call.
    const email = phone && random.chance(0.12) ? null : `${local}@${org ? org.domain : random.pick(PRIVATE_DOMAINS)}`;
    if ([name, email, phone].some((v) => v !== null && taken.has(v))) continue;
    for (const v of [name, email, phone]) if (v !== null) taken.add(v);
    const timeZone = random.pick(locale.timeZones);
    const tags = [
      ...(org ? ['business'] : []),
      ...(random.chance(0.07) ? ['vip'] : []),
      ...(random.chance(0.08) ? ['beta-tester'] : []),
      ...(random.chance(0.05) ? ['churn-risk'] : []),
    ];
    customers.push({
      first,
      name,
      email,
      phone,
      whatsapp: phone !== null && random.chance(0.5),
      language: locale.language,
      timeZone,
      city: random.pick(CITIES[timeZone] ?? ['']),
      organization,
      tags,
      attributes: {
        plan: org ? 'Business' : random.weighted({ Free: 5, 'Lumo Plus': 4 }),
        devices: random.int(1, org ? 60 : 14),
      },
    });
  }
  return customers;
}
