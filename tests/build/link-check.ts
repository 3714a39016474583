/**
 * Finds broken internal links in a built site: every href, src and srcset candidate of every HTML
 * page that points at this site must name a file in dist/ (a directory URL its index.html), or
 * an old address listed in `_redirects`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';

export interface BrokenLink {
  page: string;
  attribute: string;
  url: string;
}

/** URL paths (decoded) that a CDN answers with a redirect. */
function redirectSources(distDir: string): Set<string> {
  const file = path.join(distDir, '_redirects');
  if (!existsSync(file)) return new Set();
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => line.split(/\s+/)[0]!),
  );
}

/** True when a URL path of the site is a file in dist/ (a folder URL: its index.html). */
export function servedFile(distDir: string, urlPath: string): boolean {
  const target = path.join(distDir, decodeURIComponent(urlPath));
  if (!target.startsWith(distDir)) return false;
  if (urlPath.endsWith('/')) return existsSync(path.join(target, 'index.html'));
  return existsSync(target) && statSync(target).isFile();
}

function urlsOf(element: Element): { attribute: string; url: string }[] {
  const found: { attribute: string; url: string }[] = [];
  for (const attribute of ['href', 'src', 'poster']) {
    const value = element.getAttribute(attribute);
    if (value) found.push({ attribute, url: value.trim() });
  }
  const srcset = element.getAttribute('srcset');
  if (srcset) for (const candidate of srcset.split(',')) found.push({ attribute: 'srcset', url: candidate.trim().split(/\s+/)[0]! });
  return found;
}

export function findBrokenLinks(distDir: string, htmlFiles: string[], siteOrigin: string): BrokenLink[] {
  const redirects = redirectSources(distDir);
  const broken: BrokenLink[] = [];
  for (const file of htmlFiles) {
    const pageUrl = new URL(`/${file.replace(/index\.html$/, '')}`, siteOrigin);
    const { document } = parseHTML(readFileSync(path.join(distDir, file), 'utf8'));
    for (const element of document.querySelectorAll('[href], [src], [srcset], [poster]')) {
      for (const { attribute, url } of urlsOf(element)) {
        if (!url || url.startsWith('#') || /^(mailto|tel|data|javascript):/i.test(url)) continue;
        const target = new URL(url, pageUrl);
        if (target.origin !== siteOrigin) continue;
        if (!servedFile(distDir, target.pathname) && !redirects.has(decodeURIComponent(target.pathname))) {
          broken.push({ page: file, attribute, url });
        }
      }
    }
  }
  return broken;
}
