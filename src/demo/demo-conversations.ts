import type { Priority, TicketType } from '../tickets/index.ts';
import type { TeamKey } from './demo-people.ts';

/**
 * What the demo company's customers write about. The company is Lumo, which sells smart
 * lights (a Hub, bulbs, strips, sensors), an app, and a "Lumo Plus" subscription — so its
 * help desk sees billing, accounts, shipping, device bugs, feature requests and refunds.
 *
 * Each scenario is one coherent problem told in a few wordings: what the customer opens
 * with, what an agent asks, what the customer answers, how it ends. `{placeholders}` are
 * filled per ticket (order numbers, amounts, products, versions).
 */
export interface Scenario {
  key: string;
  team: TeamKey;
  type: TicketType;
  priority: Partial<Record<Priority, number>>;
  tags: string[];
  /** How often it comes up, relative to the others. */
  weight: number;
  subjects: string[];
  opening: string[];
  /** An answer that settles it at once; without it, the agent always asks first. */
  quick?: string[];
  ask: string[];
  details: string[];
  answer: string[];
  /** What a colleague notes internally along the way. */
  notes?: string[];
  /** A real bug: the agent parks the ticket on hold until engineering ships a fix. */
  escalation?: { note: string[]; hold: string[]; fixed: string[] };
}

export const SCENARIOS: Scenario[] = [
  {
    key: 'double-charge',
    team: 'billing',
    type: 'incident',
    priority: { normal: 3, high: 2 },
    tags: ['billing', 'double-charge'],
    weight: 6,
    subjects: ['Charged twice for my Lumo Plus subscription', 'Double charge on my card', 'Why was I billed two times this month?'],
    opening: [
      'I just checked my bank statement and there are two charges of {amount} from Lumo on the same day. I only have one Lumo Plus subscription. Can you refund the extra one?',
      'My card ending in {last4} was charged {amount} twice this month for Lumo Plus. Looks like a mistake on your side, please sort it out.',
    ],
    ask: [
      'Sorry about that! Could you tell me the dates of both payments as they appear on your statement? Then I can find them straight away.',
      'Thanks for flagging this. Is the card ending in {last4} the one on your Lumo account? And were both charges on the same day?',
    ],
    details: ['Both are dated {date}, card ending {last4}.', 'Yes, same card. One charge in the morning and one a few minutes later, both on {date}.'],
    answer: [
      'I found it: the renewal ran twice because our payment provider retried a payment that had already gone through. I have refunded the duplicate {amount} to your card ending {last4}; it usually shows up within 5–10 business days. Sorry for the trouble.',
      'You are right, the second charge was a duplicate. The refund of {amount} is on its way and you will get a confirmation email shortly. Your subscription itself is not affected.',
    ],
    notes: [
      'Another duplicate renewal, again on a card that needed 3-D Secure. Told billing ops; they are watching the retry queue.',
      'Checked in the payment dashboard: two captures 4 minutes apart, the second one a retry. Refund approved.',
    ],
  },
  {
    key: 'invoice',
    team: 'billing',
    type: 'task',
    priority: { low: 2, normal: 3 },
    tags: ['billing', 'invoice'],
    weight: 5,
    subjects: ['Need an invoice with our VAT number', 'Invoice for order {order}', 'Company details on invoices'],
    opening: [
      'Could you send me an invoice for order {order}? Our finance team needs it to show the company name and VAT number.',
      'The invoices we get for Lumo Plus do not show our company address. Is it possible to add it, and to reissue last month’s invoice?',
    ],
    quick: [
      'You can download every invoice yourself under Account → Billing → Invoices. If you add your company name and VAT number there under "Billing details", all invoices, including past ones, are reissued with them straight away.',
    ],
    ask: ['Of course. Please send me the company name, billing address and VAT number exactly as they should appear on the invoice.'],
    details: ['Here you go:\n{company}\n{street}, {city}\nVAT: {vat}', 'Company: {company}, {street}, {city}. VAT number {vat}.'],
    answer: [
      'Done: I have added those details to your account and attached the reissued invoice. Future invoices will include them automatically.',
      'Here you go, the updated invoice is attached, and your billing profile now has the VAT number, so you will not need to ask again.',
    ],
  },
  {
    key: 'payment-failed',
    team: 'billing',
    type: 'incident',
    priority: { normal: 3, high: 1 },
    tags: ['billing', 'payment'],
    weight: 4,
    subjects: ['Payment failed but my card is fine', 'Cannot update my card in the app', 'Subscription paused after failed payment'],
    opening: [
      'I got an email saying my Lumo Plus payment failed and that my subscription will be paused. My card works everywhere else. What is going on?',
      'I am trying to update my credit card in the app but it just says "Something went wrong". My subscription renews on {date}.',
    ],
    ask: [
      'Sorry for the hassle. Which phone and app version are you using when you update the card? And does your bank usually ask you to confirm payments in its own app?',
    ],
    details: ['iPhone, app {appVersion}. And yes, my bank sends a confirmation request, but it never showed up this time.', 'Android, Lumo app {appVersion}. My bank does ask for confirmation, usually.'],
    answer: [
      'Thanks, that explains it: the bank’s confirmation step does not open inside older app versions. Please update the card on the web at my.lumo.example/billing, where the confirmation works. I have also moved your renewal by a week so nothing gets paused in the meantime.',
      'Our payment provider had trouble with bank confirmations yesterday; that is fixed now. I have retried the payment and it went through, so your subscription stays active.',
    ],
  },
  {
    key: 'password-reset',
    team: 'technical',
    type: 'incident',
    priority: { normal: 3, high: 2 },
    tags: ['login', 'password-reset'],
    weight: 6,
    subjects: ['Password reset email never arrives', 'Cannot log in, no reset email', 'Locked out of my account'],
    opening: [
      'I forgot my password and requested a reset three times, but no email ever arrives. I checked spam too.',
      'I cannot log into the Lumo app. The reset link email is not coming through and now it says "too many attempts".',
    ],
    ask: [
      'Sorry you are locked out. Could you confirm the email address you signed up with? Sometimes accounts were created with a different address than the one people use today.',
    ],
    details: ['Hmm, I might have used my old work address back then: {oldEmail}', 'It should be the one I am writing from. I have had the app for about two years.'],
    answer: [
      'Found it: the account was under your old address, which bounces now. I have changed the login email to your current one and sent a fresh reset link; it is valid for one hour.',
      'Our emails to your provider were being held by their spam filter. I have cleared the block on our side and sent a new reset link just now; it should arrive within a minute. The "too many attempts" lock lifts by itself after 15 minutes.',
    ],
    notes: ['Mail logs show 4 deferred deliveries to this provider today. Checked with the email team: they are rotating the sending IP.'],
  },
  {
    key: 'two-factor',
    team: 'technical',
    type: 'incident',
    priority: { normal: 2, high: 2 },
    tags: ['login', '2fa'],
    weight: 3,
    subjects: ['Lost my phone, cannot get the 2FA code', 'New phone – locked out by two-factor login', 'Need two-factor reset'],
    opening: [
      'I got a new phone and did not move the authenticator app over. Now I cannot get past the two-factor screen. How do I get back in?',
      'My old phone broke and it had my Lumo two-factor codes on it. I am locked out of the app and my lights are on a schedule I cannot change!',
    ],
    ask: [
      'For your security I need to check it is really you before switching two-factor login off. Please reply with the order number of one of your Lumo devices, or the last four digits of the card on your subscription.',
    ],
    details: ['Order number is {order}.', 'The card ends in {last4}.'],
    answer: [
      'Thank you, that matches. I have switched off two-factor login on your account, so you can sign in with just your password now. Please turn it on again under Settings → Security, and keep the backup codes somewhere safe this time.',
    ],
  },
  {
    key: 'where-is-my-order',
    team: 'support',
    type: 'question',
    priority: { normal: 4, high: 1 },
    tags: ['shipping', 'order-status'],
    weight: 8,
    subjects: ['Where is my order {order}?', 'Order still not delivered', 'Tracking has not updated in a week'],
    opening: [
      'I ordered a {product} on {date} (order {order}) and it still has not arrived. The tracking page has not changed for days.',
      'My order {order} was supposed to arrive last week. Can you tell me where it is?',
    ],
    quick: ['Good news: it is out for delivery today. The carrier’s tracking was just slow to update. You can follow it with tracking number {tracking}.'],
    ask: ['Let me check with the carrier. Could you confirm the delivery address, in case something is off with it?'],
    details: ['It is {street}, {city}. Same as always.', '{street} in {city}. Nothing has changed.'],
    answer: [
      'The carrier had your parcel stuck at their depot after a scanning error. They have put it back on a van and it is due tomorrow; the new tracking number is {tracking}.',
      'The parcel was lost in transit, so I have sent a replacement by express: tracking {tracking}, it should be with you in two working days. No need to return anything if the first one turns up.',
    ],
    notes: ['Carrier portal shows "exception – address label unreadable". Opened a claim.'],
  },
  {
    key: 'damaged',
    team: 'support',
    type: 'incident',
    priority: { normal: 3, high: 2 },
    tags: ['shipping', 'damaged'],
    weight: 4,
    subjects: ['{product} arrived broken', 'Damaged item in my order', 'Cracked {product} straight out of the box'],
    opening: [
      'My {product} from order {order} arrived today and the casing is cracked. The box was badly crushed too. I can send photos if you need them.',
      'Just unpacked my order {order} and the {product} does not turn on, and something rattles inside. Not a great first impression.',
    ],
    ask: ['I am sorry it arrived like that. Could you send a photo of the item and the box? It helps us claim it back from the carrier.'],
    details: ['Sent the photos from my phone a minute ago. The box was wet on one side as well.', 'Photos are on their way to your email address.'],
    answer: ['Thanks for the photos. A replacement {product} ships today at no cost (tracking {tracking}). You do not need to send the broken one back; please recycle it.'],
  },
  {
    key: 'change-address',
    team: 'support',
    type: 'task',
    priority: { normal: 3, high: 1 },
    tags: ['shipping', 'address-change'],
    weight: 3,
    subjects: ['Change delivery address for order {order}', 'Wrong shipping address on my order', 'Moving – please update my order address'],
    opening: [
      'I just placed order {order} and noticed it is going to my old address. Can you change it?',
      'Is it still possible to change the shipping address on order {order}? I will be at my parents’ place next week.',
    ],
    ask: ['Could you send me the full new address, including the postcode?'],
    details: ['{street}, {city}. Thank you!', 'New address: {street}, {city}.'],
    answer: [
      'Caught it in time: the order had not left the warehouse yet. It will now go to the new address, and you will get the tracking link by email once it ships.',
    ],
  },
  {
    key: 'app-crash',
    team: 'technical',
    type: 'incident',
    priority: { normal: 2, high: 3, urgent: 1 },
    tags: ['bug', 'app'],
    weight: 7,
    subjects: ['App crashes on startup after update', 'Lumo app keeps crashing on {os}', 'Update {appVersion} broke the app'],
    opening: [
      'Since the last update the app closes immediately when I open it. I have restarted the phone twice. I am on {os}.',
      'After updating to {appVersion}, the app crashes as soon as I tap on a room. It was fine yesterday.',
    ],
    ask: [
      'Sorry about that. Could you tell me your phone model and the exact app version (Settings → About)? If you can, please also try reinstalling the app: your setup is stored in your account, so nothing is lost.',
    ],
    details: ['It is a {phone} on {os}, app {appVersion}. Reinstalling did not help.', '{phone}, {os}, Lumo {appVersion}. Reinstalled, same crash.'],
    answer: [
      'Thanks. This is a known problem with {appVersion} on some {os} devices; version {fixVersion} fixes it and is rolling out today. Until it reaches you, signing out and back in avoids the crash.',
    ],
    escalation: {
      note: [
        'Crash reports match ENG-{ref}: a null scene list on accounts that once deleted a room. Fix is going into {fixVersion}.',
        'Reproduced on a test {phone}. Filed ENG-{ref} with the crash log; linked the other reports.',
      ],
      hold: ['Thanks, our engineers have reproduced it and a fix is in testing. I will update you as soon as it is released.'],
      fixed: ['Good news: version {fixVersion} is out in the app store and fixes the crash. Please update and let me know if anything is still wrong.'],
    },
  },
  {
    key: 'hub-offline',
    team: 'technical',
    type: 'incident',
    priority: { normal: 2, high: 3, urgent: 1 },
    tags: ['device', 'connectivity'],
    weight: 7,
    subjects: ['Hub shows offline', '{product} keeps going offline', 'Lights unreachable since this morning'],
    opening: [
      'My Lumo Hub shows as offline in the app, although the light on it is green. None of my automations run.',
      'Every evening my {product} drops off the network and I have to unplug it to get it back.',
    ],
    ask: ['Could you tell me the firmware version under Devices → Hub → About, and whether you have changed anything on your Wi-Fi router recently?'],
    details: ['Firmware {firmware}. We did get a new router from our internet provider last week.', 'It says {firmware}. Now that you mention it, the router was replaced recently.'],
    answer: [
      'That is it: the new router uses a 5 GHz-only network by default, and the Hub needs 2.4 GHz. In the router settings, turn on the 2.4 GHz band (or split the bands), then go to Devices → Hub → Change Wi-Fi. It should reconnect within a minute.',
    ],
    notes: ['This router model steers devices onto 5 GHz aggressively; fourth case this month. Worth a help-centre article.'],
  },
  {
    key: 'schedules',
    team: 'technical',
    type: 'incident',
    priority: { normal: 3, high: 2 },
    tags: ['bug', 'schedules'],
    weight: 4,
    subjects: ['Schedules not triggering', 'Morning routine did not run', 'Automations off by an hour'],
    opening: [
      'My 7 am wake-up routine did not run today or yesterday. I have not changed anything. Other schedules seem to be off by an hour.',
      'All my lights now turn on an hour late. Is there something wrong with the schedules?',
    ],
    ask: ['Thanks for the detail. Which time zone is set on the Hub (Settings → Home → Time zone)? And do you use sunrise/sunset schedules or fixed times?'],
    details: ['It says {timeZone}. Fixed times only.', '{timeZone}, which is right. Fixed times.'],
    answer: ['It looks like your Hub missed the daylight-saving change. Unplug it for ten seconds and plug it back in, and the schedules will be on time again.'],
    escalation: {
      note: ['Reproduced: hubs on firmware {firmware} do not apply the DST change until they reboot. Filed ENG-{ref}.'],
      hold: [
        'You have found a real bug: the Hub misses the daylight-saving change until it restarts. Our engineers are on it. For now, unplugging the Hub for ten seconds puts the schedules back on time.',
      ],
      fixed: ['Firmware {fixFirmware} is rolling out now and fixes the daylight-saving bug for good. Your Hub installs it overnight; nothing to do on your side.'],
    },
  },
  {
    key: 'pairing',
    team: 'technical',
    type: 'question',
    priority: { low: 1, normal: 4 },
    tags: ['setup', 'pairing'],
    weight: 6,
    subjects: ['Cannot pair new {product}', 'New bulb not found during setup', 'Setup stuck at "searching"'],
    opening: [
      'I bought another {product} but the app cannot find it during setup. It just says "searching" forever. My other lights work fine.',
      'Setting up a new {product} and it never shows up in the app. What am I doing wrong?',
    ],
    ask: ['Let’s get it connected. Is the new one within about 10 metres of the Hub? And did you reset it by switching it off and on five times until it blinks?'],
    details: ['It is in the same room as the Hub. I did not know about the five-times reset; it blinked, but the app still cannot find it.'],
    answer: [
      'Thanks for trying that. Your Hub was on firmware {firmware}, which does not know the newest {product} model yet. I have pushed the update to your Hub remotely; give it five minutes, then run setup again and it will show up.',
    ],
    quick: ['New devices need a reset before pairing: switch it off and on five times until it blinks, then tap "Add device" again. It will show up within a few seconds.'],
  },
  {
    key: 'integration',
    team: 'support',
    type: 'question',
    priority: { low: 3, normal: 2 },
    tags: ['feature-request', 'integrations'],
    weight: 5,
    subjects: ['Apple Home support?', 'Will Lumo work with Google Home?', 'Matter support'],
    opening: [
      'Are there any plans to support Apple Home? I would love to control my Lumo lights with Siri along with the rest of my home.',
      'Does Lumo work with Matter yet? I am moving my whole house over and Lumo is the last brand that does not.',
    ],
    quick: [
      'Thanks for asking! Matter support for the Hub, which covers Apple Home and Google Home, is on our roadmap for later this year. I have added your vote to the request, and we will announce it in the app and by email when it is ready.',
    ],
    ask: ['Great question. Which devices would you want to control that way: just the lights, or also sensors and plugs?'],
    details: ['Mostly the lights and the motion sensors.', 'Lights and plugs, mainly.'],
    answer: ['Noted, and passed on to the product team with your vote. Matter support is planned for later this year, starting with lights and plugs, then sensors.'],
  },
  {
    key: 'export-data',
    team: 'support',
    type: 'question',
    priority: { low: 4, normal: 1 },
    tags: ['feature-request', 'energy'],
    weight: 3,
    subjects: ['Export energy usage to CSV', 'Feature request: download my history', 'Can I get my usage data out?'],
    opening: [
      'I would like to analyse my energy usage in a spreadsheet. Is there a way to export the history from the app? If not, please consider this a feature request!',
    ],
    quick: [
      'Not in the app yet, but you can download it from the web dashboard: my.lumo.example → Energy → Export (CSV, up to 24 months). A one-tap export in the app is on our list, and I have added your vote.',
    ],
    ask: ['Happy to help. Do you need the history per device, or is the total per day enough?'],
    details: ['Per device would be ideal.'],
    answer: ['The web dashboard exports per device: my.lumo.example → Energy → Export, then tick "Split by device". I have also added your vote for an export in the app.'],
  },
  {
    key: 'return',
    team: 'billing',
    type: 'task',
    priority: { low: 2, normal: 3 },
    tags: ['refund', 'return'],
    weight: 5,
    subjects: ['Return request for order {order}', 'I would like to return my {product}', 'Refund for unused {product}'],
    opening: [
      'I bought a {product} three weeks ago but it does not fit the lamp I wanted it for. Can I return it for a refund?',
      'The {product} from order {order} is not what I expected. How do I send it back?',
    ],
    ask: ['Of course, you are within the 30-day return window. Is the item unused and in its original packaging?'],
    details: ['Yes, I only tried it once and it is back in the box.', 'Yes, unused, box is intact.'],
    answer: [
      'I have created the return for order {order}: the prepaid label is attached to this email. Once the carrier scans the parcel, we refund {amount} to your original payment method within 3 business days.',
    ],
  },
  {
    key: 'refund-missing',
    team: 'billing',
    type: 'incident',
    priority: { normal: 3, high: 2 },
    tags: ['refund'],
    weight: 4,
    subjects: ['Still waiting for my refund', 'Refund not received', 'Where is my refund for {order}?'],
    opening: [
      'I returned my {product} two weeks ago and the tracking says it was delivered to you, but I have not seen the refund of {amount} yet.',
      'It has been over ten days since you received my return for order {order}, and still no refund.',
    ],
    ask: ['Sorry for the wait. Could you send the return tracking number, so I can match the parcel in our warehouse?'],
    details: ['Sure, it is {tracking}.', 'Tracking number {tracking}.'],
    answer: [
      'Thanks. The parcel arrived on {date} but the refund got stuck waiting for a manual check. I have approved it now: {amount} is on its way and should appear on your statement within 5 business days.',
    ],
    notes: ['Warehouse backlog again: three returns received but not scanned in. Pinged logistics.'],
  },
  {
    key: 'cancel',
    team: 'billing',
    type: 'task',
    priority: { low: 2, normal: 3 },
    tags: ['subscription', 'cancellation'],
    weight: 4,
    subjects: ['Cancel my Lumo Plus subscription', 'How do I cancel?', 'Please stop my subscription'],
    opening: [
      'Please cancel my Lumo Plus subscription. I am not using the extra features enough to justify it.',
      'How do I cancel Lumo Plus? I cannot find the option in the app.',
    ],
    quick: [
      'Done: your Lumo Plus subscription is cancelled and will not renew. You keep the Plus features until the end of the paid period on {date}, and your lights and schedules keep working without it.',
    ],
    ask: ['I can do that for you. Before I do: is there something about Lumo Plus that did not work for you? We are always trying to improve it.'],
    details: ['Honestly I just never used the away-mode or the history. Please go ahead.', 'Nothing wrong, I just do not need it. Please cancel.'],
    answer: ['Understood, thanks for the feedback. Your subscription is cancelled and will not renew; Plus features stay on until {date}.'],
  },
  {
    key: 'share-access',
    team: 'support',
    type: 'question',
    priority: { low: 3, normal: 2 },
    tags: ['account', 'sharing'],
    weight: 4,
    subjects: ['Give my partner access to our home', 'Share home with family', 'Second user for the app'],
    opening: [
      'How can my partner control the lights too? We only have one account and sharing the password feels wrong.',
      'Can I add my kids to the app so they can control the lights in their rooms, but not everything else?',
    ],
    quick: [
      'You can invite them as members of your home: in the app, go to Home → Members → Invite and enter their email. They get their own login, and you can limit each member to certain rooms.',
    ],
    ask: ['Happy to help. Do you want them to control everything, or only some rooms?'],
    details: ['Just their own rooms ideally.', 'Everything is fine.'],
    answer: ['Go to Home → Members → Invite and enter their email. Under "Access" you can choose rooms for each member. They get their own login and never see your billing details.'],
  },
];

/** Short customer replies that fit any conversation. */
export const THANKS = [
  'That worked, thank you!',
  'Perfect, thanks for the quick help.',
  'Great, all sorted now. Thanks {agent}!',
  'Thank you, much appreciated.',
  'Brilliant, thanks.',
];

export const CHASERS = ['Any update on this?', 'Hi again, is anyone looking at this?', 'Just following up: still having the problem.'];

/** What an agent adds when leaving the customer to confirm. */
export const CHECK_BACK = ['Let me know if that does it.', 'Could you let me know whether that fixes it?', 'Reply here if anything is still not right.'];

export const VIP_NOTES = ['VIP customer, please keep them in the loop personally.', 'Heads-up: this customer is on our VIP list.'];

export const DUPLICATE_OPENINGS = [
  'I already emailed about this but have not heard back yet. ',
  'Sent you an email earlier, trying here as well. ',
];

export const PRODUCTS = ['Lumo Hub', 'Lumo Bulb A19', 'Lumo Bulb GU10', 'Lumo Light Strip', 'Lumo Motion Sensor', 'Lumo Smart Plug', 'Lumo Starter Kit'];
export const PHONES = ['Pixel 8', 'Galaxy S23', 'iPhone 13', 'iPhone 15', 'Galaxy A54', 'OnePlus 11', 'iPhone SE'];
