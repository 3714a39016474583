/**
 * The benchmark corpus, as pure data: a seeded, deterministic newsroom of N articles with sections,
 * authors, tags, page views and references to a shared pool of photos. No file system here, so the
 * same seed can be checked to give the same bytes; `generate-corpus.ts` writes it to disk.
 */
import { seededRandom } from '../lib/sample-photo.ts';

export interface CorpusOptions {
  seed: number;
  articles: number;
  /** Photos in the shared pool; 0 gives a text-only corpus (no heroes, no inline figures). */
  photos: number;
  /** The build's "now" the corpus is written for: every story is published before it. */
  now: Date;
  /** Days of page views in `analytics/pageviews.csv`, ending the day before `now`. */
  pageviewDays?: number;
}

export interface CorpusFile {
  /** Path inside the content directory, with forward slashes. */
  path: string;
  text: string;
}

export interface Corpus {
  files: CorpusFile[];
  /** Pool photo file names, relative to `PHOTO_DIR`, in pool order (index = seed offset). */
  photos: string[];
}

/** The shared photo folder inside the content directory; articles point at it with `../../photos/`. */
export const PHOTO_DIR = 'photos';

export const SECTION_COUNT = 12;
export const AUTHOR_COUNT = 40;
export const TAG_COUNT = 200;

const SECTIONS = ['national', 'politics', 'business', 'world', 'sport', 'culture', 'lifestyle', 'opinion', 'travel', 'tech', 'health', 'education'];
const GIVEN = ['Sophea', 'Dara', 'Mealea', 'Vanna', 'Bopha', 'Rithy', 'Sokha', 'Chenda', 'Pisey', 'Kosal', 'Nary', 'Veasna', 'Sreymom', 'Piseth', 'Chanthy', 'Vichea', 'Sothea', 'Leakena', 'Ratana', 'Malis'];
const FAMILY = ['Chan', 'Keo', 'Sok', 'Chea', 'Heng', 'Lim', 'Meas', 'Prak', 'Ouk', 'Nhem', 'Sam', 'Touch'];
const PLACES = ['Phnom Penh', 'Siem Reap', 'Battambang', 'Kampot', 'Kep', 'Takeo', 'Kampong Cham', 'Koh Kong', 'Kratie', 'Preah Sihanouk', 'Pursat', 'Stung Treng'];
const NOUNS = [
  'ministry', 'council', 'market', 'river', 'harvest', 'school', 'hospital', 'port', 'airport', 'budget', 'court', 'festival',
  'factory', 'union', 'province', 'road', 'bridge', 'village', 'company', 'bank', 'league', 'museum', 'temple', 'ferry',
  'election', 'report', 'strategy', 'workshop', 'community', 'export', 'tourism', 'rainfall', 'railway', 'park', 'garment', 'rice',
];
const VERBS = ['opens', 'approves', 'rejects', 'announces', 'expands', 'delays', 'reviews', 'launches', 'welcomes', 'questions', 'funds', 'plans'];
const ADJECTIVES = ['new', 'national', 'regional', 'annual', 'rural', 'coastal', 'urban', 'record', 'local', 'public', 'private', 'seasonal'];
const WORDS = [
  'the', 'officials', 'said', 'on', 'Monday', 'that', 'work', 'would', 'begin', 'before', 'rainy', 'season', 'and', 'residents',
  'welcomed', 'plan', 'although', 'some', 'asked', 'for', 'more', 'detail', 'about', 'costs', 'a', 'spokesman', 'told', 'reporters',
  'figures', 'show', 'growth', 'of', 'per', 'cent', 'this', 'year', 'compared', 'with', 'last', 'farmers', 'traders', 'students',
  'teachers', 'drivers', 'visitors', 'expect', 'changes', 'in', 'prices', 'schedules', 'services', 'across', 'country', 'while',
  'experts', 'warn', 'risks', 'remain', 'high', 'since', 'demand', 'keeps', 'rising', 'through', 'dry', 'months', 'government',
  'agency', 'will', 'publish', 'its', 'findings', 'next', 'week', 'after', 'consulting', 'provincial', 'authorities', 'partners',
];
const QUOTES_BY = ['ministry spokesman', 'provincial governor', 'market vendor', 'union leader', 'economist', 'head teacher', 'farmer', 'coach'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function sentence(random: () => number): string {
  const length = 12 + Math.floor(random() * 14);
  const words = Array.from({ length }, () => pick(random, WORDS));
  return `${capitalise(words.join(' '))}.`;
}

function paragraph(random: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(random)).join(' ');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[a-z0-9]/i.test(w)).length;
}

/** Plain YAML scalars: our generated text has no characters that need quoting except these. */
function yamlText(text: string): string {
  return /[:#"'\[\]{}|>&*!%@`,]/.test(text) ? JSON.stringify(text) : text;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

interface ArticlePlan {
  section: string;
  slug: string;
  published: Date;
  popularity: number;
}

export function tagNames(): string[] {
  const tags: string[] = [];
  for (let i = 0; tags.length < TAG_COUNT; i++) {
    const adjective = ADJECTIVES[i % ADJECTIVES.length]!;
    const noun = NOUNS[Math.floor(i / ADJECTIVES.length) % NOUNS.length]!;
    tags.push(`${adjective} ${noun}`);
  }
  return tags;
}

export function authorIds(): { id: string; name: string }[] {
  return Array.from({ length: AUTHOR_COUNT }, (_, i) => {
    const name = `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 7) % FAMILY.length]}`;
    return { id: `${slugify(name)}-${pad(i + 1, 2)}`, name };
  });
}

/**
 * One article's Markdown, 600 to 1,200 words: a dateline'd opening, subheadings, a plain quote,
 * a pull quote, a list, links (out to the web and across to another story) and, when there are
 * photos, one inline figure with caption and credit.
 */
function articleBody(random: () => number, photo: string | undefined, related: ArticlePlan | undefined): string {
  // Stop short of 1,200 by more than one paragraph (at most 4 x 25 words), so no story runs over.
  const target = 600 + Math.floor(random() * 480);
  const blocks: string[] = [];
  let words = 0;
  const add = (block: string) => {
    blocks.push(block);
    words += wordCount(block);
  };
  add(paragraph(random, 3));
  add(paragraph(random, 2));
  if (photo) {
    const place = pick(random, PLACES);
    add(`![A scene in ${place}.](../../${PHOTO_DIR}/${photo} "Residents in ${place} on the day of the announcement | BENCH PHOTO DESK")`);
  }
  add(`## ${capitalise(pick(random, ADJECTIVES))} ${pick(random, NOUNS)} plans`);
  add(paragraph(random, 3));
  add(`> “${sentence(random)}” said a ${pick(random, QUOTES_BY)}.`);
  const link = related ? `[an earlier report](/${related.section}/${related.slug}/)` : '[an earlier report](https://example.org/archive)';
  add(`${sentence(random)} The plan follows ${link} and a [public consultation](https://example.org/consultation/${Math.floor(random() * 1000)}). ${sentence(random)}`);
  add(Array.from({ length: 3 + Math.floor(random() * 3) }, () => `- ${sentence(random)}`).join('\n'));
  add(`> [!pullquote]\n> ${sentence(random)}\n>\n> — ${pick(random, GIVEN)} ${pick(random, FAMILY)}, ${pick(random, QUOTES_BY)}`);
  add(`## What happens next`);
  while (words < target) add(paragraph(random, 2 + Math.floor(random() * 3)));
  return `${blocks.join('\n\n')}\n`;
}

export function generateCorpus({ seed, articles: count, photos, now, pageviewDays = 14 }: CorpusOptions): Corpus {
  const random = seededRandom(seed);
  const files: CorpusFile[] = [];
  const photoNames = Array.from({ length: photos }, (_, i) => `pool-${pad(i + 1, 3)}.jpg`);

  for (const id of SECTIONS) {
    files.push({ path: `sections/${id}.yaml`, text: `name: ${capitalise(id)}\ndescription: Benchmark stories about ${id}.\n` });
  }
  const authors = authorIds();
  for (const author of authors) {
    files.push({ path: `authors/${author.id}.yaml`, text: `name: ${author.name}\nrole: Reporter\nbio: ${author.name} is a benchmark reporter.\n` });
  }
  const tags = tagNames();

  // Stories spread over the two years before `now`; index order is oldest first.
  const span = 730 * 24 * 3600 * 1000;
  const width = String(count).length;
  const plans: ArticlePlan[] = [];
  for (let i = 0; i < count; i++) {
    const section = SECTIONS[Math.floor(random() * SECTIONS.length)]!;
    const published = new Date(now.getTime() - span + Math.floor((span * (i + 1)) / (count + 1)) - 3600_000);
    published.setUTCSeconds(0, 0);
    plans.push({ section, slug: '', published, popularity: random() });
  }

  for (let i = 0; i < count; i++) {
    const plan = plans[i]!;
    const title = `${capitalise(pick(random, PLACES))} ${pick(random, NOUNS)} ${pick(random, VERBS)} ${pick(random, ADJECTIVES)} ${pick(random, NOUNS)}`;
    plan.slug = `${slugify(title)}-${pad(i + 1, width)}`;
    const authorCount = 1 + Math.floor(random() * 2);
    const storyAuthors = Array.from({ length: authorCount }, () => pick(random, authors).id);
    const storyTags = [...new Set(Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(random, tags)))];
    const hero = photos > 0 ? photoNames[Math.floor(random() * photos)]! : undefined;
    const inline = photos > 0 ? photoNames[Math.floor(random() * photos)]! : undefined;
    const related = i > 0 ? plans[Math.floor(random() * i)] : undefined;
    const hasDek = random() < 0.7;
    const lines = [
      '---',
      `title: ${yamlText(title)}`,
      ...(hasDek ? [`dek: ${yamlText(sentence(random))}`] : []),
      `section: ${plan.section}`,
      `authors: [${[...new Set(storyAuthors)].join(', ')}]`,
      `dateline: ${pick(random, PLACES)}`,
      `published: ${plan.published.toISOString()}`,
      ...(hero
        ? ['hero:', `  src: ../../${PHOTO_DIR}/${hero}`, '  alt: A generated photo of a skyline above a street.', `  caption: ${yamlText(sentence(random))}`, '  credit: BENCH PHOTO DESK']
        : []),
      `tags: [${storyTags.map(yamlText).join(', ')}]`,
      '---',
      '',
    ];
    files.push({ path: `articles/${plan.section}/${plan.slug}.md`, text: `${lines.join('\n')}\n${articleBody(random, inline, related)}` });
  }

  // Page views: each story gets views on most days of the window, weighted by its popularity, so
  // the Most Viewed ranking has real work to do. Rows are sorted by day, then path.
  const rows: string[] = ['date,path,views'];
  const lastDay = new Date(now.getTime() - 24 * 3600 * 1000);
  for (let d = pageviewDays - 1; d >= 0; d--) {
    const day = isoDay(new Date(lastDay.getTime() - d * 24 * 3600 * 1000));
    const dayRows: string[] = [];
    for (const plan of plans) {
      if (plan.published.getTime() > new Date(`${day}T23:59:59Z`).getTime()) continue;
      if (random() < 0.35) dayRows.push(`${day},/${plan.section}/${plan.slug}/,${Math.floor(plan.popularity ** 3 * 20_000 * random())}`);
    }
    rows.push(...dayRows.sort(), `${day},/,${Math.floor(random() * 50_000)}`);
  }
  files.push({ path: 'analytics/pageviews.csv', text: `${rows.join('\n')}\n` });

  return { files, photos: photoNames };
}

/** A new story for the "add one article" build: the same shape as the corpus's own. */
export function extraArticle(corpus: Corpus, seed: number, now: Date): CorpusFile {
  const random = seededRandom(seed ^ 0x5eed);
  const photo = corpus.photos[0];
  const published = new Date(now.getTime() - 2 * 3600 * 1000).toISOString();
  const text = [
    '---',
    'title: Benchmark desk files a late story',
    'section: national',
    `authors: [${authorIds()[0]!.id}]`,
    `published: ${published}`,
    ...(photo ? ['hero:', `  src: ../../${PHOTO_DIR}/${photo}`, '  alt: A generated photo of a skyline above a street.'] : []),
    'tags: [new ministry]',
    '---',
    '',
    articleBody(random, photo, undefined),
  ].join('\n');
  return { path: 'articles/national/benchmark-desk-files-a-late-story.md', text };
}
