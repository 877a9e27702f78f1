import type { Db } from '../../src/db/pool.ts';

/** Deterministic, so every run measures the same knowledge base. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Language {
  locale: string;
  title: (verb: string, noun: string, product: string) => string;
  verbs: string[];
  nouns: string[];
  words: string[];
}

const PRODUCTS = ['Dashboard', 'Mobile App', 'Billing Portal', 'Inventory', 'Analytics', 'Team Chat', 'Scheduler', 'Storefront', 'API', 'Reports'];

const LANGUAGES: Language[] = [
  {
    locale: 'en',
    title: (v, n, p) => `How to ${v} ${n} in ${p}`,
    verbs: ['reset', 'change', 'export', 'import', 'delete', 'configure', 'share', 'restore', 'connect', 'upgrade', 'cancel', 'verify'],
    nouns: ['your password', 'an invoice', 'the shipping address', 'a report', 'two-factor login', 'notifications', 'a subscription', 'user roles', 'the payment method', 'a webhook', 'the time zone', 'an order'],
    words: 'the you your to and of a in is it for on with that this can be as are settings page open choose select button click menu account order then when if not will after before each new list save changes email link option screen support team customer data file time first once more only also any other back under above right left top field value enter check status update'.split(' '),
  },
  {
    locale: 'de',
    title: (v, n, p) => `${n} in ${p} ${v}`,
    verbs: ['zurücksetzen', 'ändern', 'exportieren', 'importieren', 'löschen', 'einrichten', 'teilen', 'wiederherstellen', 'verbinden', 'aktualisieren', 'kündigen', 'bestätigen'],
    nouns: ['Passwort', 'Rechnung', 'Lieferadresse', 'Bericht', 'Zwei-Faktor-Anmeldung', 'Benachrichtigungen', 'Abonnement', 'Benutzerrollen', 'Zahlungsmethode', 'Webhook', 'Zeitzone', 'Bestellung'],
    words: 'der die das und Sie Ihre zu in ist es für auf mit dass diese kann werden als sind Einstellungen Seite öffnen wählen Schaltfläche klicken Menü Konto Bestellung dann wenn nicht wird nach vor jede neue Liste speichern Änderungen E-Mail Link Option Bildschirm Support Team Kunde Daten Datei Zeit zuerst einmal mehr nur auch andere zurück unter oben rechts links Feld Wert eingeben prüfen Status'.split(' '),
  },
  {
    locale: 'fr',
    title: (v, n, p) => `Comment ${v} ${n} dans ${p}`,
    verbs: ['réinitialiser', 'modifier', 'exporter', 'importer', 'supprimer', 'configurer', 'partager', 'restaurer', 'connecter', 'mettre à niveau', 'annuler', 'vérifier'],
    nouns: ['le mot de passe', 'une facture', "l'adresse de livraison", 'un rapport', 'la connexion à deux facteurs', 'les notifications', 'un abonnement', 'les rôles', 'le moyen de paiement', 'un webhook', 'le fuseau horaire', 'une commande'],
    words: 'le la les et vous votre à de un une dans est il pour sur avec que cette peut être comme sont paramètres page ouvrir choisir bouton cliquer menu compte commande puis quand si pas sera après avant chaque nouveau liste enregistrer modifications e-mail lien option écran support équipe client données fichier temps premier fois plus seulement aussi autre retour sous haut droite gauche champ valeur saisir vérifier statut'.split(' '),
  },
];

function paragraph(rand: () => number, lang: Language, topic: string[]): string {
  const sentences: string[] = [];
  const count = 3 + Math.floor(rand() * 4);
  for (let s = 0; s < count; s++) {
    const length = 8 + Math.floor(rand() * 12);
    const words: string[] = [];
    for (let w = 0; w < length; w++) words.push(rand() < 0.15 ? (topic[Math.floor(rand() * topic.length)] as string) : (lang.words[Math.floor(rand() * lang.words.length)] as string));
    const sentence = words.join(' ');
    sentences.push(sentence.charAt(0).toUpperCase() + sentence.slice(1) + '.');
  }
  return sentences.join(' ');
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `groups` articles, each in every language (so 3 × groups articles), 150 to 1,200 words each,
 * published and public, in ten categories; the typo vocabulary built as publishing would.
 */
export async function seedHelpCenter(db: Db, groups: number, progress: (line: string) => void): Promise<{ articles: { id: number; locale: string; slug: string }[]; queries: Record<string, string[]> }> {
  const rand = random(42);
  await db.query(`UPDATE kb_settings SET name = 'Bench Help', logo_text = 'Bench', locales = ARRAY['en', 'de', 'fr']`);
  const { rows: categories } = await db.query(
    `INSERT INTO kb_categories (slug, name, description, position)
     SELECT 'category-' || n, p, 'Guides for ' || p, n FROM unnest($1::text[]) WITH ORDINALITY AS u(p, n) RETURNING id`,
    [PRODUCTS],
  );
  const BATCH = 500;
  for (let start = 0; start < groups; start += BATCH) {
    const size = Math.min(BATCH, groups - start);
    const { rows: groupRows } = await db.query(`INSERT INTO kb_article_groups SELECT FROM generate_series(1, $1) RETURNING id`, [size]);
    const columns = { group: [] as number[], locale: [] as string[], category: [] as number[], title: [] as string[], slug: [] as string[], html: [] as string[], text: [] as string[], excerpt: [] as string[] };
    groupRows.forEach((g, i) => {
      const n = start + i;
      const verb = n % 12;
      const noun = Math.floor(n / 12) % 12;
      const product = PRODUCTS[Math.floor(n / 144) % PRODUCTS.length] as string;
      for (const lang of LANGUAGES) {
        const title = lang.title(lang.verbs[verb] as string, lang.nouns[noun] as string, product);
        const topic = [...title.toLowerCase().split(/\s+/), product.toLowerCase()];
        const paragraphs = Array.from({ length: 2 + Math.floor(rand() * 12) }, () => paragraph(rand, lang, topic));
        columns.group.push(g.id);
        columns.locale.push(lang.locale);
        columns.category.push(categories[n % categories.length].id);
        columns.title.push(title);
        columns.slug.push(`${lang.locale}-article-${n}`);
        columns.html.push(paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n'));
        columns.text.push(paragraphs.join('\n\n'));
        columns.excerpt.push(`${(paragraphs[0] as string).slice(0, 180)}…`);
      }
    });
    await db.query(
      `WITH a AS (
         INSERT INTO kb_articles (group_id, locale, category_id, title, slug, body_html, body_text, excerpt, visibility, status, published_at)
         SELECT * , 'public', 'published', now() FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         RETURNING id)
       INSERT INTO kb_article_stats (article_id) SELECT id FROM a`,
      [columns.group, columns.locale, columns.category, columns.title, columns.slug, columns.html, columns.text, columns.excerpt],
    );
    progress(`articles: ${(start + size) * LANGUAGES.length}`);
  }
  await db.query(
    `INSERT INTO kb_words (locale, word)
     SELECT DISTINCT a.locale, w FROM kb_articles a, regexp_split_to_table(lower(a.title || ' ' || a.body_text), '[^[:alnum:]]+') AS w
      WHERE length(w) BETWEEN 3 AND 40 ON CONFLICT DO NOTHING`,
  );
  // What autovacuum would have done by now: the new articles' index entries merged into the GIN index.
  await db.query('VACUUM ANALYZE');
  const { rows } = await db.query(`SELECT id, locale, slug FROM kb_articles ORDER BY random() LIMIT 2000`);
  return {
    articles: rows.map((r) => ({ id: r.id, locale: r.locale, slug: r.slug })),
    // What readers type: common words, product names, and misspellings that need the typo correction.
    queries: {
      en: ['reset password', 'shipping address', 'export report', 'invoice', 'pasword', 'shiping adress', 'two-factor', 'cancel subscription', 'webhok', 'time zone analytics'],
      de: ['Passwort zurücksetzen', 'Rechnung', 'Lieferadresse ändern', 'Pasword', 'Abonement kündigen', 'Zeitzone'],
      fr: ['mot de passe', 'facture', 'adresse de livraison', 'abonnement annuler', 'factur', 'notifcations'],
    },
  };
}
