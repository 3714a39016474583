/**
 * Whether Astro's incremental build can keep its record of this site.
 *
 * Astro keeps, for every cached page, the image transforms the page asked for, and writes the whole
 * record as one JSON text (`<cacheDir>/incremental-build.json`, indented). A JavaScript string holds
 * at most 2^29 - 24 characters (V8), so a large enough site stops the build with "Invalid string
 * length" at the end of rendering. Each picture in a story's body is six transforms (WebP at five
 * widths and a fallback), about 5 KB of that record on its page and in the feeds that carry the
 * story (10,000 stories with one inline picture each measured 57 MB). Heroes, teasers, share crops
 * and the logo are kept per photo and recorded by no page (src/image-warmup.ts); before that a hero
 * was 16 KB, and 10,000 illustrated stories 240 MB. Past the budget below the build renders every
 * page instead, which is slower but always completes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ASK_GIT_FROM, gitBlobId, gitBlobIds } from '../content/git-blobs.ts';

/** Bytes of Astro's incremental record per page and per inline picture (measured, rounded up). */
export const RECORD_BYTES = { page: 600, inlinePicture: 5_000 } as const;

/** Three quarters of V8's longest string, leaving room for an estimate that is a little short. */
export const RECORD_BUDGET = Math.floor((2 ** 29 - 24) * 0.75);

export interface StoryPictures {
  /** Pictures in the story's body (Markdown images), each asked for by the pages that show it. */
  inlinePictures: number;
}

/** The estimated size of Astro's incremental record for these stories (list pages add about a third as many pages). */
export function incrementalRecordBytes(stories: readonly StoryPictures[]): number {
  let bytes = Math.ceil(stories.length * 1.3) * RECORD_BYTES.page;
  for (const story of stories) bytes += story.inlinePictures * RECORD_BYTES.inlinePicture;
  return bytes;
}

export function fitsIncrementalBuild(stories: readonly StoryPictures[], budget = RECORD_BUDGET): boolean {
  return incrementalRecordBytes(stories) <= budget;
}

/** A picture in Markdown (`![`) or in raw HTML (`<img`): counts what may be one, never fewer. */
const PICTURE = /!\[|<img\b/gi;

/**
 * Every story under `articlesDir` with the pictures its body may show. A count, not a parse: it
 * decides before Astro starts, while the validator (which runs beside Astro) reads the stories
 * properly, and a picture in a code block counted by mistake only makes the estimate safer.
 *
 * With `cacheFile`, each story's count is kept with its file's inode, size and modification time,
 * and a story that is still that file is not read again: reading all 10,000 stories of the
 * benchmark was 0.3 to 0.65 s before Astro could start, in every build. A fresh clone gives every
 * file another inode and times: then the count is also kept with git's id of the file's bytes
 * (src/content/git-blobs.ts), and a story git holds unchanged under the same id is not read either.
 */
export function countStoryPictures(articlesDir: string, cacheFile?: string): StoryPictures[] {
  let files: string[];
  try {
    files = readdirSync(articlesDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.md'));
  } catch {
    return [];
  }
  // Each record: "<inode> <size> <mtime> <count> <git id or ->".
  const version = `${PICTURE.source} git`;
  let cached: Record<string, string> = {};
  try {
    const saved = cacheFile && existsSync(cacheFile) ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as { version?: string; files?: Record<string, string> }) : {};
    if (saved.version === version) cached = saved.files ?? {};
  } catch {
    // A damaged cache: every story is read.
  }
  const stories = files.map((file) => {
    const { ino, size, mtimeNs } = statSync(path.join(articlesDir, file), { bigint: true });
    const identity = `${ino} ${size} ${mtimeNs}`;
    const record = cached[file];
    const [count, id] = record?.startsWith(`${identity} `) ? record.slice(identity.length + 1).split(' ') : [];
    return { file, identity, inlinePictures: count === undefined ? undefined : Number(count), id: id === '-' ? undefined : id };
  });
  const unknown = stories.filter((story) => story.inlinePictures === undefined);
  // After a fresh clone: each count kept by git's id of the bytes it was counted in.
  const ids = unknown.length >= ASK_GIT_FROM ? gitBlobIds(articlesDir) : undefined;
  const countById = new Map<string, number>();
  if (ids) {
    for (const record of Object.values(cached)) {
      const [, , , count, id] = record.split(' ');
      if (id && id !== '-') countById.set(id, Number(count));
    }
  }
  const like = ids?.values().next().value;
  for (const story of unknown) {
    const listed = ids?.get(story.file);
    const counted = listed === undefined ? undefined : countById.get(listed);
    if (counted !== undefined) {
      story.inlinePictures = counted;
      story.id = listed;
      continue;
    }
    const bytes = readFileSync(path.join(articlesDir, story.file));
    story.inlinePictures = bytes.toString('utf8').match(PICTURE)?.length ?? 0;
    // The id of the bytes counted, not the one git listed before they were read.
    story.id = like === undefined ? undefined : gitBlobId(bytes, like);
  }
  if (cacheFile && (unknown.length > 0 || Object.keys(cached).length !== files.length)) {
    const next = Object.fromEntries(stories.map(({ file, identity, inlinePictures, id }) => [file, `${identity} ${inlinePictures} ${id ?? '-'}`]));
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ version, files: next }));
  }
  return stories.map(({ inlinePictures }) => ({ inlinePictures: inlinePictures! }));
}
