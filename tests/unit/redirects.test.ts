import { describe, expect, it } from 'vitest';
import { planRedirects, redirectsFile } from '../../src/lib/redirects.ts';

const pages = new Map([
  ['/', 'the front page'],
  ['/news/', 'the section page "News"'],
  ['/news/first/', 'the story "First"'],
  ['/news/second/', 'the story "Second"'],
]);

describe('planRedirects', () => {
  it('turns every alias into a redirect to the story, in one normalised spelling; old file names keep theirs', () => {
    const { redirects, problems } = planRedirects(
      [{ path: '/news/first/', aliases: ['/news/Old-First', '/2019/first.html'], file: 'first.md' }],
      pages,
    );
    expect(problems).toEqual([]);
    expect(redirects).toEqual([
      { from: '/2019/first.html', to: '/news/first/' },
      { from: '/news/old-first/', to: '/news/first/' },
    ]);
  });

  it('refuses an alias that is the address of a page, naming the file, the alias and the page', () => {
    const { problems } = planRedirects([{ path: '/news/first/', aliases: ['/news/', '/news/second'], file: 'first.md' }], pages);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('first.md: alias "/news/" is the address of the section page "News"');
    expect(problems[1]).toContain('first.md: alias "/news/second" is the address of the story "Second"');
  });

  it('refuses an alias two stories claim, and a story aliasing itself or a build folder', () => {
    const { redirects, problems } = planRedirects(
      [
        { path: '/news/first/', aliases: ['/old/', '/news/first/', '/_astro/x/'], file: 'first.md' },
        { path: '/news/second/', aliases: ['/old'], file: 'second.md' },
      ],
      new Map(),
    );
    expect(redirects).toEqual([{ from: '/old/', to: '/news/first/' }]);
    expect(problems.join('\n')).toMatch(/first\.md: alias "\/news\/first\/" is the story's own address/);
    expect(problems.join('\n')).toMatch(/first\.md: alias "\/_astro\/x\/" is inside/);
    expect(problems.join('\n')).toMatch(/second\.md: alias "\/old" is also an alias of first\.md/);
  });
});

describe('redirectsFile', () => {
  it('writes a 301 line for each old path, a folder with and without its trailing slash', () => {
    const redirects = [
      { from: '/news/old/', to: '/news/new/' },
      { from: '/2019/old.html', to: '/news/new/' },
    ];
    expect(redirectsFile(redirects).split('\n').filter((l) => !l.startsWith('#'))).toEqual([
      '/news/old/ /news/new/ 301',
      '/news/old /news/new/ 301',
      '/2019/old.html /news/new/ 301',
      '',
    ]);
  });
});
