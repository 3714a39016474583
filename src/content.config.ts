import path from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { buildNow, contentDir, isPreview } from './build-env.ts';
import { pageviewsLoader } from './content/pageviews-loader.ts';
import { plainDatesGlob } from './content/plain-dates-glob.ts';
import { publishedOnly } from './content/published-only.ts';
import { articleSchema, authorSchema, idFromPath, sectionSchema } from './content/schemas.ts';

const root = contentDir();

const articles = defineCollection({
  loader: publishedOnly(plainDatesGlob({ pattern: '**/*.md', base: path.join(root, 'articles'), generateId: idFromPath }), {
    now: buildNow(),
    keepUnpublished: isPreview(),
  }),
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
  loader: pageviewsLoader({ file: path.join(root, 'analytics', 'pageviews.csv') }),
  schema: z.object({
    rows: z.array(z.object({ date: z.string(), path: z.string(), views: z.number() })),
  }),
});

export const collections = { articles, sections, authors, analytics };
