/**
 * The editors' preview: the fixture site built with BROADSHEET_PREVIEW=1 (what `npm run dev`
 * sets) shows drafts and embargoed stories on their own pages under a banner, and nowhere else.
 * A production build of the same content has neither the pages nor the banner.
 */
import { describe, expect, it } from 'vitest';
import { listFiles, page, readDistFile } from './helpers.ts';

describe('the preview build', () => {
  it('shows a draft on its own page under a "Draft — not published" banner', () => {
    const doc = page('basic-preview', '/news/draft-story/');
    const banner = doc.querySelector('main article .preview-banner')!;
    expect(banner.getAttribute('role')).toBe('status');
    expect(banner.querySelector('strong')?.textContent).toBe('Draft — not published');
    expect(doc.querySelector('h1')?.textContent).toBe('Draft story quillmarrow');
  });

  it('shows an embargoed story under an "Embargoed until" banner with its time in the site timezone', () => {
    const banner = page('basic-preview', '/news/embargoed-budget-leak/').querySelector('main article .preview-banner')!;
    expect(banner.querySelector('strong')?.textContent).toBe('Embargoed until 20 March 2024 at 06:00');
    expect(banner.querySelector('time')?.getAttribute('datetime')).toBe('2024-03-20T06:00:00+07:00');
  });

  it('puts no banner on a published story', () => {
    expect(page('basic-preview', '/news/kampot-salt-harvest/').querySelector('.preview-banner')).toBeNull();
  });

  it('keeps drafts and embargoed stories out of Most Viewed and the front page, as the published site will look', () => {
    for (const url of ['/', '/news/kampot-salt-harvest/', '/news/draft-story/']) {
      // A story's breadcrumb names the story itself (aria-current): that is not a list of stories.
      const links = [...page('basic-preview', url).querySelectorAll('a:not([aria-current="page"])')].map((a) => a.getAttribute('href'));
      expect(links.filter((href) => /draft-story|embargoed-budget-leak/.test(href ?? ''))).toEqual([]);
    }
  });
});

describe('the production build of the same content', () => {
  it('has no preview banner anywhere (its scoped CSS may ship; the banner itself must not)', () => {
    const files = listFiles('basic');
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      expect(page('basic', `/${file.replace(/index\.html$/, '')}`).querySelector('.preview-banner'), file).toBeNull();
    }
    for (const file of files) {
      const text = readDistFile('basic', file).toString('utf8');
      expect(text.includes('Draft — not published') || text.includes('Embargoed until'), file).toBe(false);
    }
  });
});
