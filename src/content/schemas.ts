/**
 * The content schemas, shared by Astro's collections (`src/content.config.ts`) and the content
 * validator (`src/content/validate-content.ts`), so both read front matter by the same rules.
 * Image fields take a schema factory as a parameter: Astro passes its `image()` helper, which
 * resolves and optimises the file; the validator passes a plain text schema and checks the path
 * on disk itself, so it runs in plain Node without Astro.
 *
 * Messages here are written for editors; the validator adds the file, line and field.
 */
import { z } from 'astro/zod';
import { parseDateTime } from '../lib/dates.ts';
import { siteConfig } from '../site.config.ts';

/** Astro's `image()` or the validator's stand-in: a schema for a path relative to the file. */
export type ImageSchemaFactory<Image extends z.ZodType> = () => Image;

/** An ISO 8601 date or date-time; without an offset it is read in the site timezone. */
export const dateTime = z
  .union([z.string(), z.date()], {
    error: `expected a date such as 2023-04-05T08:00 (read as ${siteConfig.timezone} time) or 2023-04-05T08:00:00+07:00`,
  })
  .transform((value, ctx) => {
    if (value instanceof Date) return value;
    const parsed = parseDateTime(value, siteConfig.timezone);
    if (!parsed) {
      ctx.addIssue({
        code: 'custom',
        input: value,
        message: `is not a date (or is a day that does not exist). Write it as ISO 8601, for example 2023-04-05T08:00 (read as ${siteConfig.timezone} time) or 2023-04-05T08:00:00+07:00.`,
      });
      return z.NEVER;
    }
    return parsed;
  });

export const slugText = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens, like "minimum-wage-set-at-204"');

/** Entry id: the file's path under its folder, without the extension or a trailing `/index`. */
export function idFromPath({ entry }: { entry: string }): string {
  return entry.replace(/\.(md|ya?ml)$/i, '').replace(/(^|\/)index$/i, '').toLowerCase();
}

// Every field but the photo, built once: Astro builds a collection's schema again for every entry
// (its image() helper knows the entry's folder), and building these zod schemas 10,000 times was
// seconds of a cold content sync.
const articleFieldsBeforeHero = {
  /** The headline, at most `headlineMaxLength` characters (src/site.config.ts). */
  title: z
    .string()
    .trim()
    .min(1, 'the headline is empty; write one')
    .max(siteConfig.headlineMaxLength, {
      error: (issue) =>
        `the headline is ${String((issue.input as string).length)} characters long; the limit is ${String(siteConfig.headlineMaxLength)} (headlineMaxLength in src/site.config.ts). Shorten it.`,
    }),
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
  /** When the story was last changed in substance; not before `published`. */
  updated: dateTime.optional(),
};

// The fields after the photo (kept in this order: problems are reported in field order).
const articleFieldsAfterHero = {
  /** Topics, in plain words: `human trafficking`, `courts`. */
  tags: z.array(z.string().trim().min(1)).default([]),
  /** A draft is never published, whatever its date. */
  draft: z.boolean().default(false),
  /** The last part of the URL; defaults to the file or folder name. */
  slug: slugText.optional(),
  /** Old URL paths of this story that must keep working, such as `/national/old-headline/`. */
  aliases: z.array(z.string().startsWith('/', 'an alias is a URL path starting with "/"')).default([]),
  /** Pins the story to the top of the front page: 1 is the lead, 2 the next story, and so on. Remove it to unpin. */
  pin: z.number().int('a pin is a whole number: 1 is the lead').positive('a pin is 1 or more: 1 is the lead').optional(),
  /** Corrections and clarifications, shown dated at the top of the story; not dated before `published`. */
  corrections: z.array(z.strictObject({ date: dateTime, text: z.string().trim().min(1) })).default([]),
};

// The photo's fields but its file, likewise built once.
const heroFieldsAfterSrc = {
  alt: z.string().trim().min(1, 'describe the photo for readers who cannot see it'),
  caption: z.string().trim().optional(),
  credit: z.string().trim().optional(),
};

export function articleSchema<Image extends z.ZodType>(image: ImageSchemaFactory<Image>) {
  return z.strictObject({
    ...articleFieldsBeforeHero,
    /** The lead photo: `src` relative to this file, `alt` text for readers who cannot see it, caption and credit. */
    hero: z.strictObject({ src: image(), ...heroFieldsAfterSrc }).optional(),
    ...articleFieldsAfterHero,
  });
}

export const sectionSchema = z.strictObject({
  /** The section's name as readers see it: "National". */
  name: z.string().trim().min(1),
  /** One line about the section, for its page and feed. */
  description: z.string().trim().optional(),
});

export function authorSchema<Image extends z.ZodType>(image: ImageSchemaFactory<Image>) {
  return z.strictObject({
    /** The name on the byline. */
    name: z.string().trim().min(1),
    /** Job title: "Court reporter". */
    role: z.string().trim().optional(),
    /** A short biography for the author page. */
    bio: z.string().trim().optional(),
    /** A portrait, relative to this file. */
    photo: image().optional(),
  });
}
