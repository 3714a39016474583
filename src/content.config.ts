import path from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { buildNow, contentDir, isPreview } from './build-env.ts';
import { pageviewsLoader } from './content/pageviews-loader.ts';
import { plainDatesGlob } from './content/plain-dates-glob.ts';
import { publishedOnly } from './content/published-only.ts';
import { parseDateTime } from './lib/dates.ts';
import { BODY_EXCERPT, excerptFromMarkdown } from './lib/excerpt.ts';
import { siteConfig } from './site.config.ts';

const root = contentDir();

/** An ISO 8601 date or date-time; without an offset it is read in the site timezone. */
const dateTime = z.union([z.string(), z.date()]).transform((value, ctx) => {
  if (value instanceof Date) return value;
  const parsed = parseDateTime(value, siteConfig.timezone);
  if (!parsed) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a date. Write it as ISO 8601, for example 2023-04-05T08:00 (read as ${siteConfig.timezone} time) or 2023-04-05T08:00:00+07:00.`,
    });
    return z.NEVER;
  }
  return parsed;
});

const slugText = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens, like "minimum-wage-set-at-204"');

/** Entry id: the file's path under its folder, without the extension or a trailing `/index`. */
function idFromPath({ entry }: { entry: string }): string {
  return entry.replace(/\.(md|ya?ml)$/i, '').replace(/(^|\/)index$/i, '').toLowerCase();
}

const articles = defineCollection({
  loader: publishedOnly(
    plainDatesGlob(
      // Bodies are not kept in the content store (40% of its size at 10,000 stories): pages use the
      // rendered HTML, and the excerpt is computed once per changed file here.
      { pattern: '**/*.md', base: path.join(root, 'articles'), generateId: idFromPath, retainBody: false },
      // A story with a dek uses the dek as its excerpt: only the others need their body read.
      { fromBody: (body, data) => (data['dek'] ? {} : { [BODY_EXCERPT]: excerptFromMarkdown(body, siteConfig.excerptWords) }) },
    ),
    {
      now: buildNow(),
      keepUnpublished: isPreview(),
    },
  ),
  schema: ({ image }) =>
    z.strictObject({
      /** The headline. */
      title: z.string().trim().min(1, 'the headline is empty; write one'),
      /** The standfirst under the headline; also the excerpt in lists and Most Viewed. */
      dek: z.string().trim().min(1).optional(),
      /** Id of a section: the name of a file in `sections/` without `.yaml`, such as `national`. */
      section: slugText,
      /** Ids of authors: names of files in `authors/` without `.yaml`. */
      authors: z.array(slugText).default([]),
      /** Free-text byline for stories without a named author, such as "Staff reporter" or "AFP". */
      byline: z.string().trim().min(1).optional(),
      /** Where the story was reported from, such as "Phnom Penh". */
      dateline: z.string().trim().min(1).optional(),
      /** When the story goes live. Until then it is embargoed and appears nowhere. */
      published: dateTime,
      /** When the story was last changed in substance. */
      updated: dateTime.optional(),
      /** The lead photo: `src` relative to this file, `alt` text for readers who cannot see it, caption and credit. */
      hero: z
        .strictObject({
          src: image(),
          alt: z.string().trim().min(1, 'describe the photo for readers who cannot see it'),
          caption: z.string().trim().optional(),
          credit: z.string().trim().optional(),
        })
        .optional(),
      /** Topics, in plain words: `human trafficking`, `courts`. */
      tags: z.array(z.string().trim().min(1)).default([]),
      /** A draft is never published, whatever its date. */
      draft: z.boolean().default(false),
      /** The last part of the URL; defaults to the file or folder name. */
      slug: slugText.optional(),
      /** Old URL paths of this story that must keep working, such as `/national/old-headline/`. */
      aliases: z.array(z.string().startsWith('/', 'an alias is a URL path starting with "/"')).default([]),
      /** Corrections and clarifications, shown dated at the top of the story. */
      corrections: z.array(z.strictObject({ date: dateTime, text: z.string().trim().min(1) })).default([]),
    }),
});

const sections = defineCollection({
  loader: glob({ pattern: '*.{yaml,yml}', base: path.join(root, 'sections'), generateId: idFromPath }),
  schema: z.strictObject({
    /** The section's name as readers see it: "National". */
    name: z.string().trim().min(1),
    /** One line about the section, for its page and feed. */
    description: z.string().trim().optional(),
  }),
});

const authors = defineCollection({
  loader: glob({ pattern: '*.{yaml,yml}', base: path.join(root, 'authors'), generateId: idFromPath }),
  schema: ({ image }) =>
    z.strictObject({
      /** The name on the byline. */
      name: z.string().trim().min(1),
      /** Job title: "Court reporter". */
      role: z.string().trim().optional(),
      /** A short biography for the author page. */
      bio: z.string().trim().optional(),
      /** A portrait, relative to this file. */
      photo: image().optional(),
    }),
});

const analytics = defineCollection({
  loader: pageviewsLoader({ file: path.join(root, 'analytics', 'pageviews.csv') }),
  schema: z.object({
    rows: z.array(z.object({ date: z.string(), path: z.string(), views: z.number() })),
  }),
});

export const collections = { articles, sections, authors, analytics };
