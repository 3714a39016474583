/**
 * `npm run new -- --section national --title "Headline"`: writes
 * `<content>/articles/<section>/<slug>/index.md` with its front matter filled in (a draft, published
 * now in the site timezone) and prints where it is. `--slug` overrides the slug made from the
 * headline. Refuses an unknown section or an existing story. Honours BROADSHEET_CONTENT.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildNow, contentDir } from '../src/build-env.ts';
import { displayPath } from '../src/content/editor-error.ts';
import { toZonedIsoString } from '../src/lib/dates.ts';
import { newArticleRelativePath, newArticleSource } from '../src/lib/new-article.ts';
import { slugify } from '../src/lib/urls.ts';
import { siteConfig } from '../src/site.config.ts';

const usage = 'Usage: npm run new -- --section <section> --title "The headline" [--slug the-url-name]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let values: { section?: string | undefined; title?: string | undefined; slug?: string | undefined };
try {
  ({ values } = parseArgs({ options: { section: { type: 'string' }, title: { type: 'string' }, slug: { type: 'string' } } }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
const title = values.title?.trim();
const section = values.section?.trim();
if (!title || !section) fail(`Give both a section and a headline.\n${usage}`);

const root = contentDir();
const sectionsDir = path.join(root, 'sections');
const sections = existsSync(sectionsDir)
  ? readdirSync(sectionsDir)
      .filter((name) => /\.ya?ml$/i.test(name))
      .map((name) => name.replace(/\.ya?ml$/i, ''))
      .sort()
  : [];
if (!sections.includes(section)) {
  fail(`There is no section "${section}". Use one of: ${sections.join(', ') || `(none yet: add a file to ${displayPath(sectionsDir)}/)`}.`);
}

const slug = values.slug?.trim() ?? slugify(title);
if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
  fail(`Cannot make a URL from ${values.slug ? `the slug "${slug}"` : 'this headline'}: give one with --slug, in lower-case letters, digits and single hyphens.`);
}
const file = path.join(root, newArticleRelativePath(section, slug));
const sameUrl = [file, path.join(root, 'articles', section, `${slug}.md`)].find((candidate) => existsSync(candidate));
if (sameUrl) fail(`${displayPath(sameUrl)} already exists. Choose another headline, or give a different --slug.`);

let now: Date;
try {
  now = buildNow();
} catch (error) {
  fail((error as Error).message);
}
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, newArticleSource({ title, section, published: toZonedIsoString(now, siteConfig.timezone) }), { flag: 'wx' });
console.log(`Wrote ${displayPath(file)}: a draft. Write the story, then set "draft: false" to publish it at its "published" time.`);
