/**
 * The editors' commands, run as editors run them (`node scripts/…`, which is what `npm run new`,
 * `npm run next-publish` and `npm run check` call), against tiny temp content folders.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateContent } from '../../src/content/validate-content.ts';
import { baseSite, CASE_NOW, story } from './bad-input-cases.ts';
import { tempSite } from './temp-site.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function run(script: string, args: string[], content: string, now = CASE_NOW) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', script), ...args], {
    cwd: content,
    env: { ...process.env, BROADSHEET_CONTENT: content, BROADSHEET_NOW: now, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run new', () => {
  it('writes a draft named after the headline in its section, with the front matter filled in, and says where', () => {
    const site = tempSite(baseSite);
    const result = run('new-article.ts', ['--section', 'news', '--title', 'Café owners: “we can’t cope” with ferry crowds'], site);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const file = 'articles/news/cafe-owners-we-cant-cope-with-ferry-crowds/index.md';
    expect(result.stdout).toBe(`Wrote ${file}: a draft. Write the story, then set "draft: false" to publish it at its "published" time.\n`);
    const text = readFileSync(path.join(site, file), 'utf8');
    expect(text).toContain('title: "Café owners: “we can’t cope” with ferry crowds"\nsection: news\n');
    expect(text).toContain('published: 2024-03-12T12:00:00+07:00\ndraft: true\n');
    expect(validateContent({ contentDir: site, now: new Date(CASE_NOW), cwd: site }).problems).toEqual([]);
  });

  it('takes the slug from --slug when given', () => {
    const site = tempSite(baseSite);
    expect(run('new-article.ts', ['--section', 'news', '--title', 'ស្វាគមន៍', '--slug', 'welcome'], site).status).toBe(0);
    expect(readFileSync(path.join(site, 'articles/news/welcome/index.md'), 'utf8')).toContain('title: "ស្វាគមន៍"');
  });

  it('refuses a headline it cannot make a URL from', () => {
    const result = run('new-article.ts', ['--section', 'news', '--title', 'ស្វាគមន៍'], tempSite(baseSite));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Cannot make a URL from this headline: give one with --slug, in lower-case letters, digits and single hyphens.\n');
  });

  it('refuses an unknown section and lists the valid ones', () => {
    const site = tempSite({ ...baseSite, 'sections/sport.yaml': 'name: Sport\n' });
    const result = run('new-article.ts', ['--section', 'sports', '--title', 'Boat race'], site);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('There is no section "sports". Use one of: news, sport.\n');
  });

  it('refuses to overwrite an existing story, whether a folder or a single file', () => {
    const site = tempSite(baseSite);
    const result = run('new-article.ts', ['--section', 'news', '--title', 'Ferry'], site);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('articles/news/ferry.md already exists. Choose another headline, or give a different --slug.\n');
    expect(readFileSync(path.join(site, 'articles/news/ferry.md'), 'utf8')).toBe(baseSite['articles/news/ferry.md']);
  });

  it('asks for both a section and a headline', () => {
    const result = run('new-article.ts', ['--title', 'Ferry'], tempSite(baseSite));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Give both a section and a headline\.\nUsage: npm run new/);
  });
});

describe('npm run next-publish', () => {
  it('prints the earliest embargo time with the site offset, then the story file', () => {
    const site = tempSite({
      ...baseSite,
      'articles/news/later.md': story({ published: '2024-03-20T06:00' }),
      'articles/news/sooner.md': story({ published: '2024-03-14T09:30:00Z' }),
      'articles/news/draft.md': story({ published: '2024-03-13T06:00', draft: 'true' }),
    });
    const result = run('next-publish.ts', [], site);
    expect(result).toEqual({ status: 0, stdout: '2024-03-14T16:30:00+07:00 articles/news/sooner.md\n', stderr: '' });
  });

  it('says so and succeeds when nothing is scheduled', () => {
    const result = run('next-publish.ts', [], tempSite(baseSite));
    expect(result).toEqual({ status: 0, stdout: '', stderr: 'Nothing is scheduled: no story that is not a draft is published after 2024-03-12T12:00:00+07:00.\n' });
  });

  it('fails with the problems when the content would not build', () => {
    const result = run('next-publish.ts', [], tempSite({ ...baseSite, 'articles/news/ferry.md': story({ section: 'sports' }) }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('articles/news/ferry.md:3: section: the section "sports" does not exist.');
  });
});

describe('npm run check (content step)', () => {
  it('says how many stories it checked when all is well', () => {
    const site = tempSite(baseSite);
    expect(run('check-content.ts', [], site)).toEqual({ status: 0, stdout: `Content OK: 1 story in ${site}/ checked.\n`, stderr: '' });
  });
});

describe('the sample site in content/', () => {
  it('passes validation', () => {
    expect(validateContent({ contentDir: path.join(repoRoot, 'content'), now: new Date('2023-10-05T06:00:00+07:00'), cwd: repoRoot }).problems).toEqual([]);
  });
});
