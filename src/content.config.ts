import path from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { buildCacheDir, buildNow, contentDir, isPreview } from './build-env.ts';
import { pageviewsLoader } from './content/pageviews-loader.ts';
import { plainDatesGlob } from './content/plain-dates-glob.ts';
import { parallelMarkdown } from './content/markdown-pool.ts';
import { publishedOnly } from './content/published-only.ts';
import { bodiesOnDisk } from './content/story-bodies.ts';
import { articleSchema, authorSchema, idFromPath, sectionSchema } from './content/schemas.ts';
import { BODY_EXCERPT, excerptFromMarkdown } from './lib/excerpt.ts';
import { siteConfig } from './site.config.ts';

const root = contentDir();

const articles = defineCollection({
  // Rendered bodies go to files beside the store, not into it (see src/content/story-bodies.ts).
  // Markdown is rendered on every core (src/content/markdown-pool.ts).
  loader: bodiesOnDisk(publishedOnly(parallelMarkdown(
    plainDatesGlob(
      // Bodies are not kept in the content store (40% of its size at 10,000 stories): pages use the
      // rendered HTML, and the excerpt is computed once per changed file here.
      { pattern: '**/*.md', base: path.join(root, 'articles'), generateId: idFromPath, retainBody: false },
      // A story with a dek uses the dek as its excerpt: only the others need their body read.
      {
        fromBody: (body, data) => (data['dek'] ? {} : { [BODY_EXCERPT]: excerptFromMarkdown(body, siteConfig.excerptWords) }),
        // Files unchanged since the last build are not read again (src/content/file-stamps.ts).
        stamps: path.join(buildCacheDir(), 'broadsheet', 'story-stamps.json'),
      },
    )),
    {
      now: buildNow(),
      keepUnpublished: isPreview(),
    },
  )),
  schema: ({ image }) => articleSchema(image),
});

const sections = defineCollection({
  loader: glob({ pattern: '*.{yaml,yml}', base: path.join(root, 'sections'), generateId: idFromPath }),
  schema: sectionSchema,
});

const authors = defineCollection({
  loader: glob({ pattern: '*.{yaml,yml}', base: path.join(root, 'authors'), generateId: idFromPath }),
  schema: ({ image }) => authorSchema(image),
});

const analytics = defineCollection({
  loader: pageviewsLoader({ file: path.join(root, 'analytics', 'pageviews.csv'), windowDays: siteConfig.mostViewed.windowDays }),
  schema: z.object({
    views: z.array(z.object({ path: z.string(), views: z.number() })),
  }),
});

export const collections = { articles, sections, authors, analytics };
