/** The widget's words, per language. A language added here is offered in the channel settings too. */
const catalogs = {
  en: {
    open: 'Open chat',
    close: 'Close chat',
    online: 'Online',
    offline: "We're away right now. Leave a message and we'll reply by email.",
    unavailable: 'Chat is not available here any more.',
    name: 'Your name',
    email: 'Your email',
    message: 'Your message',
    start: 'Start chat',
    send: 'Send',
    attach: 'Attach a file',
    typing: '{name} is typing…',
    you: 'You',
    leaveMessage: 'Send message',
    thanks: "Thanks! We'll reply to {email}.",
    failed: 'Could not send. Please try again.',
    placeholder: 'Write a message…',
    transcript: 'Email me the transcript',
    transcriptSent: 'We sent the transcript to {email}.',
    callMe: 'Call me back',
    phone: 'Your phone number',
    reason: 'What is it about? (optional)',
    callbackSent: "Thanks! We'll call you at {phone}.",
  },
  de: {
    open: 'Chat öffnen',
    close: 'Chat schließen',
    online: 'Online',
    offline: 'Wir sind gerade nicht da. Hinterlassen Sie eine Nachricht, wir antworten per E-Mail.',
    unavailable: 'Der Chat ist hier nicht mehr verfügbar.',
    name: 'Ihr Name',
    email: 'Ihre E-Mail-Adresse',
    message: 'Ihre Nachricht',
    start: 'Chat starten',
    send: 'Senden',
    attach: 'Datei anhängen',
    typing: '{name} schreibt…',
    you: 'Sie',
    leaveMessage: 'Nachricht senden',
    thanks: 'Danke! Wir antworten an {email}.',
    failed: 'Senden fehlgeschlagen. Bitte erneut versuchen.',
    placeholder: 'Nachricht schreiben…',
    transcript: 'Verlauf per E-Mail senden',
    transcriptSent: 'Wir haben den Verlauf an {email} gesendet.',
    callMe: 'Rückruf anfordern',
    phone: 'Ihre Telefonnummer',
    reason: 'Worum geht es? (optional)',
    callbackSent: 'Danke! Wir rufen Sie unter {phone} an.',
  },
} satisfies Record<string, Record<string, string>>;

export type Language = keyof typeof catalogs;
export type MessageKey = keyof (typeof catalogs)['en'];

export function pickLanguage(setting: string, browser: readonly string[]): Language {
  const wanted = setting === 'auto' ? browser.map((l) => l.slice(0, 2).toLowerCase()) : [setting];
  return (wanted.find((l) => l in catalogs) as Language | undefined) ?? 'en';
}

export function translator(language: Language) {
  return (key: MessageKey, values: Record<string, string> = {}) => catalogs[language][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}
