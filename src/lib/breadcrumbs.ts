/**
 * The trail from the front page to a story. The visible breadcrumb nav and the BreadcrumbList
 * JSON-LD both come from this one function, so they can never disagree.
 */
import { sectionPath } from './urls.ts';

export interface Breadcrumb {
  name: string;
  /** URL path on this site. */
  path: string;
}

/** `[Home, Section, Story]`: `homeName` is the front page's name in the site's language. */
export function articleBreadcrumbs(
  article: { title: string; path: string; section: { id: string; name: string } },
  homeName: string,
): Breadcrumb[] {
  return [
    { name: homeName, path: '/' },
    { name: article.section.name, path: sectionPath(article.section.id) },
    { name: article.title, path: article.path },
  ];
}
