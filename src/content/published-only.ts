import type { Loader, LoaderContext } from 'astro/loaders';
import { isPublished, type Publishable } from '../lib/publishing.ts';

export interface PublishedOnlyOptions {
  /** The build's "now": stories published after it are embargoed. */
  now: Date;
  /** Keep drafts and embargoed stories (the editors' preview server, never a production build). */
  keepUnpublished?: boolean;
}

/**
 * Wraps an article loader so drafts and embargoed stories are validated but then removed from the
 * content store. Why at the loader and not only in the pages: Astro copies every image that a
 * stored entry names into the build, so an embargoed story's photo would be published even though
 * no page links to it. An entry that is not in the store cannot leak anything.
 */
export function publishedOnly(inner: Loader, { now, keepUnpublished = false }: PublishedOnlyOptions): Loader {
  if (keepUnpublished) return inner;
  return {
    ...inner,
    load: async (context: LoaderContext) => {
      await inner.load(context);
      for (const [id, entry] of context.store.entries()) {
        if (!isPublished(entry.data as unknown as Publishable, now)) context.store.delete(id);
      }
    },
  };
}
