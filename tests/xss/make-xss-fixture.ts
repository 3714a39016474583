/**
 * Writes the XSS fixture site (tests/fixtures/xss/) from the OWASP vectors: every vector goes
 * into a story body as raw HTML, and the vectors also fill every free-text field a reader sees
 * (headline, dek, byline, hero caption and credit, Markdown image alt and title, author name,
 * role and bio, section name and description). The files are committed so a reviewer sees
 * exactly what was built; `tests/xss/xss-fixture.test.ts` checks they match this generator.
 *
 *     node tests/xss/make-xss-fixture.ts
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { siteConfig } from '../../src/site.config.ts';
import { xssVectors } from './owasp-vectors.ts';

export const STORY_COUNT = 8;
export const AUTHOR_COUNT = 4;
const root = path.resolve(import.meta.dirname, '../..');
export const xssFixtureDir = path.join(root, 'tests', 'fixtures', 'xss');
const photo = path.join(root, 'tests', 'fixtures', 'basic', 'articles', 'news', 'kampot-salt-harvest', 'farmer.jpg');

function frontMatter(data: Record<string, unknown>): string {
  return `---\n${yaml.dump(data, { lineWidth: -1 })}---\n`;
}

/** A Markdown image whose alt text and title (caption | credit) are attack strings. */
function markdownImage(alt: string, caption: string, credit: string): string {
  const escapeAlt = (text: string) => text.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
  const escapeTitle = (text: string) => text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
  return `![${escapeAlt(alt)}](./photo.jpg "${escapeTitle(`${caption} | ${credit}`)}")`;
}

/** Relative path → file content. */
export function xssFixtureFiles(): Map<string, string | Buffer> {
  const files = new Map<string, string | Buffer>();
  const texts = xssVectors.map((vector) => vector.html);
  let next = 0;
  const text = () => texts[next++ % texts.length]!;
  // The validator refuses headlines over headlineMaxLength, so a longer vector is passed over here
  // (it still goes into the other fields and every body).
  const headline = () => {
    for (let tries = 0; tries < texts.length; tries++) {
      const candidate = text();
      if (candidate.trim().length <= siteConfig.headlineMaxLength) return candidate;
    }
    throw new Error(`No XSS vector fits in a ${siteConfig.headlineMaxLength}-character headline.`);
  };

  files.set('sections/news.yaml', yaml.dump({ name: text(), description: text() }, { lineWidth: -1 }));
  for (let a = 1; a <= AUTHOR_COUNT; a++) {
    files.set(`authors/author-${a}.yaml`, yaml.dump({ name: text(), role: text(), bio: text() }, { lineWidth: -1 }));
  }

  // Vectors that leave an element open go last in a story, one per story, so they hide nothing.
  const ordinary = xssVectors.filter((vector) => !vector.swallowsRest);
  const greedy = xssVectors.filter((vector) => vector.swallowsRest);
  for (let s = 0; s < STORY_COUNT; s++) {
    const body = ordinary.filter((_, i) => i % STORY_COUNT === s).map((vector) => vector.html);
    const last = greedy[s];
    const data = {
      title: headline(),
      dek: text(),
      section: 'news',
      authors: [`author-${(s % AUTHOR_COUNT) + 1}`],
      byline: text(),
      published: `2024-03-0${s + 1}T08:00`,
      hero: { src: './photo.jpg', alt: text(), caption: text(), credit: text() },
    };
    const paragraphs = [`Story ${s + 1} opens with plain text.`, markdownImage(text(), text(), text()), ...body, ...(last ? [last.html] : [])];
    files.set(`articles/news/xss-story-${s + 1}.md`, `${frontMatter(data)}\n${paragraphs.join('\n\n')}\n`);
  }
  files.set('articles/news/photo.jpg', readFileSync(photo));
  return files;
}

if (import.meta.main) {
  rmSync(xssFixtureDir, { recursive: true, force: true });
  for (const [file, content] of xssFixtureFiles()) {
    mkdirSync(path.dirname(path.join(xssFixtureDir, file)), { recursive: true });
    writeFileSync(path.join(xssFixtureDir, file), content);
  }
  console.log(`Wrote the XSS fixture site to ${path.relative(process.cwd(), xssFixtureDir)}/`);
}
