import type { Channel, Priority, Status, TicketType } from '../tickets/index.ts';
import {
  CHASERS,
  CHECK_BACK,
  DUPLICATE_OPENINGS,
  PHONES,
  PRODUCTS,
  type Scenario,
  SCENARIOS,
  THANKS,
  VIP_NOTES,
} from './demo-conversations.ts';
import { DEMO_AGENTS, DEMO_ORGANIZATIONS, type DemoCustomer, demoCustomers, type TeamKey } from './demo-people.ts';
import type { Random } from './demo-random.ts';

/** One thing that happens to a ticket after it is opened. Agents are named by their key in DEMO_AGENTS. */
export type DemoStep =
  | { at: Date; kind: 'customer'; body: string }
  | { at: Date; kind: 'reply'; agent: string; body: string; channel: Channel; status?: Status }
  | { at: Date; kind: 'note'; agent: string; body: string }
  /** `by: null` is the system (an automation). */
  | { at: Date; kind: 'update'; by: string | null; status?: Status; assignee?: string; team?: TeamKey; addTags?: string[] }
  | { at: Date; kind: 'link'; agent: string; ticket: number }
  | { at: Date; kind: 'merge'; agent: string; source: number };

export interface DemoTicket {
  /** Its place in the plan; steps refer to other tickets by it. */
  key: number;
  subject: string;
  channel: Channel;
  customer: number;
  createdAt: Date;
  priority: Priority;
  type: TicketType;
  tags: string[];
  team: TeamKey | null;
  /** Phone calls and walk-ins are logged by the agent who took them, as a note on a ticket assigned to them. */
  loggedBy: string | null;
  opening: string;
  steps: DemoStep[];
}

export interface DemoPlan {
  /** When the company set up its help desk: before anyone in the story. */
  foundedAt: Date;
  customers: (DemoCustomer & { createdAt: Date })[];
  tickets: DemoTicket[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far back the story starts. */
const HISTORY_DAYS = 182;
const MAX_MESSAGES = 6;
const AUTO_CLOSE_DAYS = 4;

const CHANNEL_WEIGHTS: Partial<Record<Channel, number>> = {
  email: 34,
  chat: 18,
  phone: 10,
  whatsapp: 9,
  portal: 8,
  web: 7,
  sms: 5,
  messenger: 3,
  api: 3,
  walk_in: 3,
};
/** Channels where people wait for an answer in the moment. */
const MESSAGING: Channel[] = ['chat', 'whatsapp', 'messenger', 'sms'];
const HOUR_WEIGHTS: Record<string, number> = { 6: 1, 7: 2, 8: 4, 9: 6, 10: 6, 11: 5, 12: 4, 13: 5, 14: 6, 15: 6, 16: 5, 17: 4, 18: 3, 19: 3, 20: 2, 21: 1 };

function reaches(customer: DemoCustomer, channel: Channel): boolean {
  if (channel === 'sms' || channel === 'phone') return customer.phone !== null;
  if (channel === 'whatsapp') return customer.whatsapp;
  return customer.email !== null;
}

/**
 * The whole demo workspace as a story: who writes in, when, and how each conversation
 * unfolds. Pure: the same random seed and `now` give the same plan. Every ticket's full
 * life is planned, then cut at `now` — so old tickets are solved and closed while recent
 * ones are caught mid-conversation, which is what a real backlog looks like.
 */
export function planDemoWorkspace(random: Random, now: Date, ticketCount = 200): DemoPlan {
  const customers = demoCustomers(random);
  const start = now.getTime() - HISTORY_DAYS * DAY;
  const scenarioWeights = Object.fromEntries(SCENARIOS.map((s, i) => [String(i), s.weight]));

  const births = Array.from({ length: ticketCount }, () => arrivalTime(random, now));
  births.sort((a, b) => a.getTime() - b.getTime());
  const tickets: DemoTicket[] = [];
  const openEscalations = new Map<string, number>();
  for (const createdAt of births) {
    const scenario = SCENARIOS[Number(random.weighted(scenarioWeights))] as Scenario;
    let channel = random.weighted(CHANNEL_WEIGHTS);
    if (channel === 'walk_in' || channel === 'phone') channel = random.chance(0.5) ? channel : 'email';
    const eligible = customers.map((c, i) => [c, i] as const).filter(([c]) => reaches(c, channel));
    // A few customers write in often, most only once or twice.
    const customer = (eligible[Math.floor(eligible.length * random.next() ** 1.7)] as readonly [DemoCustomer, number])[1];
    const ticket = planTicket(random, { key: tickets.length, scenario, channel, customer: customers[customer] as DemoCustomer, customerIndex: customer, createdAt, start, now });
    tickets.push(ticket);
    linkEscalation(ticket, scenario, openEscalations);
    const duplicate = planDuplicate(random, ticket, customers[customer] as DemoCustomer, tickets.length);
    if (duplicate) tickets.push(duplicate);
  }

  const cutoff = now.getTime() - MINUTE;
  const happened = tickets.filter((t) => t.createdAt.getTime() < cutoff);
  for (const ticket of happened) ticket.steps = ticket.steps.filter((s) => s.at.getTime() < cutoff).sort((a, b) => a.at.getTime() - b.at.getTime());

  const firstContact = new Map<number, number>();
  for (const t of happened) firstContact.set(t.customer, Math.min(firstContact.get(t.customer) ?? Infinity, t.createdAt.getTime()));
  // Customers sign up some time before they first need help; some never do.
  const joined = customers.map((c, i) => ({ ...c, createdAt: new Date(Math.min(firstContact.get(i) ?? start, start + 30 * DAY) - random.between(1, 400) * DAY) }));
  const foundedAt = new Date(Math.min(...joined.map((c) => c.createdAt.getTime())) - 2 * DAY);
  return { foundedAt, customers: joined, tickets: happened };
}

/** More tickets lately (the company is growing), mostly on weekdays, mostly in the daytime. */
function arrivalTime(random: Random, now: Date): Date {
  for (;;) {
    const daysAgo = HISTORY_DAYS * random.next() ** 2;
    const day = new Date(now.getTime() - daysAgo * DAY);
    day.setUTCHours(Number(random.weighted(HOUR_WEIGHTS)), random.int(0, 59), random.int(0, 59), 0);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    if (weekend && random.chance(0.6)) continue;
    if (day.getTime() < now.getTime() - 5 * MINUTE) return day;
  }
}

interface TicketSeed {
  key: number;
  scenario: Scenario;
  channel: Channel;
  customer: DemoCustomer;
  customerIndex: number;
  createdAt: Date;
  start: number;
  now: Date;
}

function planTicket(random: Random, seed: TicketSeed): DemoTicket {
  const { scenario, channel, customer, createdAt } = seed;
  const fill = fillerFor(random, seed);
  const team = scenario.team;
  const handlers = DEMO_AGENTS.filter((a) => a.teams.includes(team) && a.role !== 'light_agent' && a.role !== 'admin');
  // The supervisor mostly supervises.
  const agent = random.weighted(Object.fromEntries(handlers.map((a) => [a.key, a.role === 'supervisor' ? 1 : 4])));
  const agentFirst = firstName(agent);
  const vars = { ...fill, agent: agentFirst };
  const say = (templates: readonly string[]) => render(random.pick(templates), vars);
  const priority = bump(random.weighted(scenario.priority), customer.tags.includes('vip'));
  const logged = channel === 'phone' || channel === 'walk_in';
  const replyChannel: Channel = logged ? (customer.email ? 'email' : 'sms') : channel;
  const asEmail = (body: string, from: 'customer' | 'agent') => (replyChannel === 'email' ? emailStyle(random, body, from, customer.first, agentFirst) : body);
  const quick = MESSAGING.includes(channel);

  const steps: DemoStep[] = [];
  let at = createdAt.getTime();
  const later = (minMinutes: number, maxMinutes: number) => {
    at += random.between(minMinutes, maxMinutes) * MINUTE;
    return new Date(at);
  };
  // The last three weeks were busy: most recent tickets wait half a day or more for each answer.
  const busy = seed.now.getTime() - createdAt.getTime() < 21 * DAY && random.chance(0.75);
  const customerDelay = (): [number, number] => (quick ? [1, 12] : random.chance(0.25) ? [DAY / MINUTE, 5 * DAY / MINUTE] : [40, 26 * 60]);
  const agentDelay = (): [number, number] =>
    busy ? [12 * 60, 6 * DAY / MINUTE] : quick ? [1, 10] : priority === 'urgent' || priority === 'high' ? [10, 120] : [20, 8 * 60];
  const customerSays = (body: string, delay = customerDelay()) => {
    steps.push({ at: later(...delay), kind: 'customer', body: channel === 'email' ? emailStyle(random, body, 'customer', customer.first, agentFirst) : body });
  };
  const reply = (body: string, status?: Status, delay = agentDelay()) => {
    steps.push({ at: later(...delay), kind: 'reply', agent, body: asEmail(body, 'agent'), channel: replyChannel, status });
  };
  const note = (by: string, body: string, delay: [number, number] = [5, 90]) => {
    steps.push({ at: later(...delay), kind: 'note', agent: by, body });
  };
  const colleague = () => (team === 'technical' && random.chance(0.6) ? 'mei' : random.pick(handlers.filter((a) => a.key !== agent).map((a) => a.key).concat('sam')));

  const shape = logged
    ? 'call'
    : scenario.escalation && random.chance(0.45)
      ? 'escalation'
      : scenario.quick && random.chance(0.5)
        ? 'quick'
        : random.chance(0.08)
          ? 'silent'
          : 'standard';
  // Messages every ticket of that shape has; optional ones (chasers, notes, thank-yous) fill up to MAX_MESSAGES.
  const required = { call: 2, escalation: 6, quick: 2, silent: 3, standard: 4 }[shape];
  let extras = MAX_MESSAGES - required;
  const extra = (probability: number) => extras > 0 && random.chance(probability) && extras-- > 0;

  if (logged) {
    // The agent who took the call is on the ticket from the start.
  } else {
    const firstResponse = random.between(...agentDelay());
    if (firstResponse > 4 * 60 && extra(0.5)) customerSays(random.pick(CHASERS), [firstResponse * 0.5, firstResponse * 0.7]);
    at = createdAt.getTime() + firstResponse * MINUTE;
    steps.push({ at: new Date(at), kind: 'update', by: agent, assignee: agent, team });
  }
  if (customer.tags.includes('vip') && extra(0.7)) note('sam', random.pick(VIP_NOTES), [1, 10]);

  let solved = false;
  const finish = (answer: string) => {
    if (extra(0.45)) {
      reply(`${answer}\n\n${random.pick(CHECK_BACK)}`, 'pending');
      customerSays(say(THANKS));
      steps.push({ at: later(2, 60), kind: 'update', by: agent, status: 'solved' });
    } else {
      reply(answer, 'solved');
    }
    solved = true;
  };

  if (shape === 'call') {
    if (scenario.notes && extra(0.5)) note(colleague(), say(scenario.notes), [10, 180]);
    reply(`Following up on ${channel === 'phone' ? 'our call' : 'your visit'}: ${lowerFirst(say(scenario.quick ?? scenario.answer))}`, 'solved', [15, 240]);
    solved = true;
  } else if (shape === 'quick') {
    finish(say(scenario.quick as string[]));
  } else {
    reply(say(scenario.ask), 'pending', [0.5, 4]);
    if (shape === 'silent') {
      // The customer never answers; after a few days the agent closes the loop.
      reply('We have not heard back, so I am marking this as solved for now. Just reply to this message if you still need help and it will reopen.', 'solved', [4 * DAY / MINUTE, 6 * DAY / MINUTE]);
      solved = true;
    } else {
      customerSays(say(scenario.details));
      if (shape === 'escalation') {
        const escalation = scenario.escalation as NonNullable<Scenario['escalation']>;
        note('mei', say(escalation.note), [30, 300]);
        reply(say(escalation.hold), 'on_hold', [5, 60]);
        steps.push({ at: later(1, 5), kind: 'update', by: agent, addTags: ['escalated'] });
        reply(say(escalation.fixed), 'solved', [4 * DAY / MINUTE, 30 * DAY / MINUTE]);
        solved = true;
      } else {
        if (scenario.notes && extra(0.4)) note(colleague(), say(scenario.notes));
        finish(say(scenario.answer));
      }
    }
  }
  if (solved && extra(0.12)) {
    // A thank-you after solving reopens the ticket; the agent solves it again.
    customerSays(say(THANKS));
    steps.push({ at: later(5, 120), kind: 'update', by: agent, status: 'solved' });
  }
  if (solved) steps.push({ at: later(AUTO_CLOSE_DAYS * DAY / MINUTE, AUTO_CLOSE_DAYS * DAY / MINUTE + 60), kind: 'update', by: null, status: 'closed' });

  return {
    key: seed.key,
    subject: render(random.pick(scenario.subjects), vars),
    channel,
    customer: seed.customerIndex,
    createdAt,
    priority,
    type: scenario.type,
    tags: [...scenario.tags, ...(customer.tags.includes('vip') ? ['vip'] : [])],
    // Most channels are routed to a team on arrival; the rest are triaged when picked up.
    team: logged || random.chance(0.75) ? team : null,
    loggedBy: logged ? agent : null,
    opening: logged
      ? `${channel === 'phone' ? 'Phone call from' : 'Walk-in at the London store:'} ${customer.name}. In their words: "${say(scenario.opening)}"`
      : channel === 'email'
        ? emailStyle(random, say(scenario.opening), 'customer', customer.first, agentFirst)
        : say(scenario.opening),
    steps,
  };
}

/** Later reports of the same bug are linked to the first one still waiting for the fix. */
function linkEscalation(ticket: DemoTicket, scenario: Scenario, open: Map<string, number>): void {
  const escalated = ticket.steps.find((s) => s.kind === 'update' && s.addTags?.includes('escalated'));
  if (!escalated || escalated.kind !== 'update') return;
  const first = open.get(scenario.key);
  if (first === undefined) {
    open.set(scenario.key, ticket.key);
    return;
  }
  ticket.steps.push({ at: new Date(escalated.at.getTime() + MINUTE), kind: 'link', agent: escalated.by as string, ticket: first });
}

/**
 * Someone who hears nothing for a while writes again on another channel; the agent who
 * picks up the first ticket merges the second into it.
 */
function planDuplicate(random: Random, original: DemoTicket, customer: DemoCustomer, key: number): DemoTicket | null {
  const pickedUp = original.steps.find((s) => s.kind === 'update' && s.assignee);
  if (!pickedUp || pickedUp.kind !== 'update' || original.channel !== 'email' || !random.chance(0.25)) return null;
  const waited = pickedUp.at.getTime() - original.createdAt.getTime();
  if (waited < 60 * MINUTE) return null;
  const channel: Channel = customer.whatsapp ? 'whatsapp' : 'chat';
  const createdAt = new Date(original.createdAt.getTime() + random.between(0.3, 0.8) * waited);
  original.steps.push({ at: new Date(pickedUp.at.getTime() + MINUTE), kind: 'merge', agent: pickedUp.by as string, source: key });
  return {
    key,
    subject: original.subject,
    channel,
    customer: original.customer,
    createdAt,
    priority: original.priority,
    type: original.type,
    tags: original.tags,
    team: null,
    loggedBy: null,
    opening: `${random.pick(DUPLICATE_OPENINGS)}${original.subject}.`,
    steps: [],
  };
}

function fillerFor(random: Random, seed: TicketSeed): Record<string, string> {
  const { customer, createdAt } = seed;
  const org = customer.organization === null ? null : DEMO_ORGANIZATIONS[customer.organization];
  const phone = random.pick(PHONES);
  // Versions move on as the months pass.
  const month = Math.floor((createdAt.getTime() - seed.start) / (30 * DAY));
  const patch = random.int(0, 3);
  const currency = customer.timeZone === 'Europe/London' ? '£' : customer.timeZone.startsWith('Europe/') ? '€' : customer.timeZone.startsWith('Australia/') ? 'A$' : '$';
  const day = (daysBefore: number) => new Date(createdAt.getTime() - daysBefore * DAY).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
  return {
    order: `LM-${random.int(10_000, 99_999)}`,
    amount: `${currency}${random.pick([4.99, 49, 29.99, 59.99, 89, 129]).toFixed(2)}`,
    last4: String(random.int(1000, 9999)),
    date: day(random.int(2, 12)),
    product: random.pick(PRODUCTS),
    tracking: `LM${random.int(10_000_000, 99_999_999)}`,
    company: org?.name ?? `${customer.name.split(' ').slice(1).join(' ')} ${random.pick(['Design', 'Consulting', 'Studio', '& Partners'])}`,
    street: `${random.int(1, 220)} ${random.pick(['High Street', 'Station Road', 'Park Avenue', 'Mill Lane', 'Church Street', 'Harbour Way', 'Elm Grove'])}`,
    city: customer.city,
    vat: `${vatPrefix(customer.timeZone)}${random.int(100_000_000, 999_999_999)}`,
    phone,
    os: phone.startsWith('iPhone') ? `iOS 17.${random.int(2, 6)}` : `Android ${random.pick([13, 14])}`,
    appVersion: `3.${2 + month}.${patch}`,
    fixVersion: `3.${2 + month}.${patch + 1}`,
    firmware: `2.${4 + month}.${patch}`,
    fixFirmware: `2.${4 + month}.${patch + 1}`,
    ref: String(random.int(2100, 2999)),
    oldEmail: `${(customer.email ?? 'me@').split('@')[0]}@previous-job.example`,
    timeZone: customer.timeZone,
  };
}

const VAT_PREFIX: Record<string, string> = { London: 'GB', Berlin: 'DE', Vienna: 'ATU', Zurich: 'CHE', Paris: 'FR', Brussels: 'BE', Madrid: 'ES', Amsterdam: 'NL' };
const vatPrefix = (timeZone: string) => VAT_PREFIX[timeZone.split('/')[1] ?? ''] ?? 'EU';

const render = (template: string, vars: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`demo template needs {${name}}`);
    return value;
  });

const firstName = (agentKey: string) => (DEMO_AGENTS.find((a) => a.key === agentKey)?.name ?? '').split(' ')[0] as string;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function bump(priority: Priority, vip: boolean): Priority {
  if (!vip) return priority;
  return ({ low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' } as const)[priority];
}

/** Email carries greetings and signatures; chat and text messages do not. */
function emailStyle(random: Random, body: string, from: 'customer' | 'agent', customerFirst: string, agentFirst: string): string {
  if (from === 'agent') return `Hi ${customerFirst},\n\n${body}\n\n${random.pick(['Best regards', 'Kind regards', 'Best', 'Cheers'])},\n${agentFirst}\nLumo Support`;
  return `${random.pick(['Hi,', 'Hello,', 'Hi there,', 'Hi Lumo team,'])}\n\n${body}\n\n${random.pick(['Thanks', 'Best', 'Regards', 'Cheers', 'Thank you'])},\n${customerFirst}`;
}
