/**
 * Property: whatever the site, no draft or embargoed story reaches ANY file of a production build.
 *
 * fast-check makes small random sites (published, draft and embargoed stories with distinctive
 * random words as headline, body, slug, tag, alias and hero file name; page views for all of
 * them), builds each with the real `scripts/build.ts` (with BROADSHEET_PREVIEW=1 exported, which
 * the build must strip), then scans every file in dist/ generically: names, and contents as bytes
 * (gzip-compressed files such as search index fragments are unpacked first). So pages, feeds,
 * sitemaps, search indexes, redirects and images added by any module are covered without this
 * test knowing about them.
 *
 * Why 3 runs are enough: leaks are structural, not value-dependent (an unpublished entry either
 * reaches a page, list, index or copied image or it does not), and every generated site contains
 * each kind of unpublished story (past draft, future draft, embargoed one second to three days
 * ahead, with hero, alias, tag and page views). The random part varies counts, times and words
 * around that. Each run is a full Astro build (several seconds on two cores), so more runs would
 * cost minutes for little. The seed is fixed so CI is reproducible; change it locally to explore.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toZonedIsoString } from '../../src/lib/dates.ts';
import { tempSite } from '../content/temp-site.ts';
import { root } from './fixture-builds.ts';

const NOW = new Date('2024-03-12T12:00:00+07:00');
const HERO_FIXTURE = path.join(root, 'tests', 'fixtures', 'basic', 'articles', 'news', 'kampot-salt-harvest', 'farmer.jpg');
const WORDS_PER_STORY = 7;

type Kind = 'published' | 'draft-past' | 'draft-future' | 'embargoed';

interface StoryPlan {
  kind: Kind;
  /** Seconds from NOW: before it for published and past drafts, after it otherwise. */
  offsetSeconds: number;
  hero: boolean;
  views: number;
}

const storyPlan = (kind: Kind) =>
  fc.record({
    kind: fc.constant(kind),
    offsetSeconds: fc.integer({ min: kind === 'published' ? 0 : 1, max: 3 * 24 * 3600 }),
    hero: fc.boolean(),
    views: fc.integer({ min: 0, max: 100_000 }),
  });

/** Always one story of each kind, then up to three more of any kind. */
const sitePlan = fc
  .tuple(
    fc.tuple(storyPlan('published'), storyPlan('draft-past'), storyPlan('draft-future'), storyPlan('embargoed')),
    fc.array(fc.constantFrom<Kind>('published', 'draft-past', 'draft-future', 'embargoed').chain(storyPlan), { maxLength: 3 }),
  )
  .map(([required, extra]) => [...required, ...extra])
  .chain((stories) =>
    fc.record({
      stories: fc.constant(stories),
      // Distinctive words ("q" + 7 letters) that occur in no template, each used once per site.
      words: fc.uniqueArray(fc.stringMatching(/^q[a-z]{7}$/), { minLength: stories.length * WORDS_PER_STORY, maxLength: stories.length * WORDS_PER_STORY }),
    }),
  );

interface Story {
  plan: StoryPlan;
  slug: string;
  title: string;
  body: string;
  words: string[];
  path: string;
}

function writeSite(stories: StoryPlan[], words: string[]): { dir: string; stories: Story[] } {
  const files: Record<string, string> = { 'sections/news.yaml': 'name: News\n' };
  const built: Story[] = [];
  const views: string[] = ['date,path,views'];
  stories.forEach((plan, i) => {
    const w = words.slice(i * WORDS_PER_STORY, (i + 1) * WORDS_PER_STORY);
    const [slugWord, t1, t2, b1, b2, tag, alias] = w as [string, string, string, string, string, string, string];
    const sign = plan.kind === 'published' || plan.kind === 'draft-past' ? -1 : 1;
    const published = toZonedIsoString(new Date(NOW.getTime() + sign * plan.offsetSeconds * 1000), 'Asia/Phnom_Penh');
    const story: Story = {
      plan,
      slug: `${slugWord}-story`,
      title: `Council ${t1} approves ${t2}`,
      body: `The ${b1} plan was approved on Monday. Residents said the ${b2} would help.`,
      words: w,
      path: `/news/${slugWord}-story/`,
    };
    const hero = plan.hero ? `hero:\n  src: ./${slugWord}-photo.jpg\n  alt: A ${t1} photo.\n  caption: The ${b1} site.\n` : '';
    files[`articles/news/${story.slug}/index.md`] =
      `---\ntitle: ${story.title}\nsection: news\npublished: ${published}\n${plan.kind.startsWith('draft') ? 'draft: true\n' : ''}` +
      `tags: [${tag}]\naliases: [/news/${alias}/]\n${hero}---\n\n${story.body}\n`;
    views.push(`2024-03-11,${story.path},${String(plan.views)}`, `2024-03-11,/news/${alias}/,${String(plan.views)}`);
    built.push(story);
  });
  files['analytics/pageviews.csv'] = `${views.join('\n')}\n`;
  const dir = tempSite(files, 'broadsheet-embargo-');
  for (const story of built) {
    if (story.plan.hero) copyFileSync(HERO_FIXTURE, path.join(dir, 'articles', 'news', story.slug, `${story.words[0]!}-photo.jpg`));
  }
  return { dir, stories: built };
}

function buildSite(dir: string): Promise<{ status: number | null; output: string; dist: string }> {
  const dist = path.join(dir, 'dist');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'build.ts')], {
      cwd: root,
      env: {
        ...process.env,
        // Exported on purpose: a production build must ignore it.
        BROADSHEET_PREVIEW: '1',
        BROADSHEET_CONTENT: dir,
        BROADSHEET_NOW: NOW.toISOString(),
        BROADSHEET_DIST: dist,
        BROADSHEET_CACHE_DIR: path.join(dir, 'cache'),
        NO_COLOR: '1',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output, dist }));
  });
}

/** Every file under dist/: its path and its text (gzip members unpacked), as Latin-1 so no byte is lost. */
function distFiles(dist: string): { name: string; text: string }[] {
  return (readdirSync(dist, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      let bytes = readFileSync(file);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
          bytes = gunzipSync(bytes);
        } catch {
          // Not gzip after all: scan the raw bytes.
        }
      }
      return { name: path.relative(dist, file), text: bytes.toString('latin1') };
    });
}

describe('drafts and embargoed stories in random sites', () => {
  it('never appear in any file of the production build, by name or content, while published ones do', async () => {
    await fc.assert(
      fc.asyncProperty(sitePlan, async ({ stories, words }) => {
        const site = writeSite(stories, words);
        const result = await buildSite(site.dir);
        expect(result.status, result.output).toBe(0);
        const files = distFiles(result.dist);
        const everything = files.map((f) => `${f.name}\n${f.text}`).join('\n');
        for (const story of site.stories) {
          if (story.plan.kind === 'published') {
            // The scan can see a story: its page, headline and body words are there.
            expect(files.some((f) => f.name === `news/${story.slug}/index.html`)).toBe(true);
            for (const word of [story.words[1]!, story.words[3]!]) expect(everything).toContain(word);
            continue;
          }
          for (const secret of [story.slug, story.title, ...story.words]) {
            const leaks = files.filter((f) => f.name.includes(secret) || f.text.includes(secret)).map((f) => f.name);
            expect(leaks, `${story.plan.kind} story's "${secret}" leaked`).toEqual([]);
          }
        }
      }),
      { numRuns: 3, seed: 20_261_128, endOnFailure: true },
    );
  }, 240_000);
});

