import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentEntryType } from 'astro';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { escapePath, glob as listFiles } from 'tinyglobby';
import { relativeFilePath } from '../integrations/dist-files.ts';
import { fileStamp, readFileStamps, writeFileStamps, type FileStamps } from './file-stamps.ts';
import { ASK_GIT_FROM, gitBlobId, gitBlobIds } from './git-blobs.ts';
import { loadFrontMatterYaml, splitMarkdown } from './front-matter.ts';
import type { GlobLoaderContext } from './markdown-pool.ts';

type GlobOptions = Parameters<typeof glob>[0];

/** As the glob loader resolves them: the base folder's URL (with a trailing slash) and path, and the project root's path. */
function globFolders(context: LoaderContext, base: NonNullable<GlobOptions['base']>) {
  const baseUrl = new URL(String(base), context.config.root);
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname = `${baseUrl.pathname}/`;
  return { baseUrl, baseDir: fileURLToPath(baseUrl), root: fileURLToPath(context.config.root) };
}

/**
 * The context with Markdown's `getEntryInfo` skipping the front matter of a file the store already
 * holds unchanged. Astro's glob loader parses every file's front matter (YAML) before it compares
 * the file's digest with the stored entry's, and then drops the result of an unchanged file: at
 * 10,000 stories, most of a second of every warm build's main thread. The answer given instead is
 * never used: the glob loader compares the same digest for the same id (both come from the same
 * `generateId` and `generateDigest`) and skips the file. Only with a `generateId` that does not read
 * the front matter (the default one reads `slug`).
 */
function skippingUnchanged(
  context: LoaderContext,
  { base, generateId }: GlobOptions,
  contents: Map<string, string>,
  onRead?: (file: string, text: string) => void,
): LoaderContext {
  const { entryTypes } = context as GlobLoaderContext;
  const markdown = entryTypes?.get('.md');
  if (!markdown || !generateId || base === undefined) return context;
  // Each file's entry is its path under the base folder; its stored path is relative to the project root.
  const { baseUrl, baseDir, root } = globFolders(context, base);
  const skipping: ContentEntryType = {
    ...markdown,
    getEntryInfo: (params) => {
      const file = fileURLToPath(params.fileUrl);
      const stored = context.store.get(String(generateId({ entry: relativeFilePath(baseDir, file), base: baseUrl, data: {} })));
      // This file's entry (by its path), holding these very bytes: the glob loader will skip it.
      if (stored?.filePath === relativeFilePath(root, file) && stored.digest === context.generateDigest(params.contents)) {
        return { body: '', data: {}, rawData: '', slug: '' };
      }
      // For parseData below, which reads the front matter again with our YAML schema: the bytes
      // the glob loader read and digested, not a second read of the file.
      contents.set(file, params.contents);
      onRead?.(file, params.contents);
      return markdown.getEntryInfo(params);
    },
  };
  return { ...context, entryTypes: new Map([...entryTypes, ['.md', skipping]]) } as GlobLoaderContext;
}

export interface PlainDatesGlobExtras {
  /**
   * Values computed from an entry's Markdown body, added to its data after validation. They are
   * computed only when the file changed (the glob loader skips unchanged files by digest) and kept
   * in the content store, so a loader with `retainBody: false` can still offer what it needs from
   * the body (the excerpt) without keeping every body in memory.
   */
  fromBody?: (body: string, data: Record<string, unknown>) => Record<string, unknown>;
  /**
   * A file to keep each story file's stamp in between builds (src/content/file-stamps.ts): a file
   * whose stamp and stored entry are as the last sync left them is not read again. Not for a dev
   * server (it watches the files instead); needs a `generateId` that does not read the front matter.
   */
  stamps?: string;
}

/** More changed files than this are found with the loader's own pattern: one pattern per file would cost more than reading them. */
const MOST_FILES_BY_NAME = 200;

/**
 * The ids of the entries whose files are unchanged since the last sync with their records, and the
 * other files (paths under the base folder) with their stamps taken now, before anything reads them.
 * A file is unchanged when its stamp is the one recorded and its stored entry still has the digest
 * recorded; or, when its stamp is another (a fresh clone gives every file a new one), when the bytes
 * it holds now have its stored entry's digest. Reading a file here costs a read and a hash; handing
 * it to the glob loader cost several times that (1.7 s more for 10,000 stories than reading none).
 */
function unchangedFiles(
  context: LoaderContext,
  { baseUrl, baseDir, root }: ReturnType<typeof globFolders>,
  generateId: NonNullable<GlobOptions['generateId']>,
  files: string[],
  previous: FileStamps,
) {
  const unchanged = new Set<string>();
  const kept: FileStamps = new Map();
  const changed: { entry: string; stored: string; id: string; stamp: string | undefined }[] = [];
  // Files whose stored entry may still be their bytes, though their stamp is not the recorded one.
  const restamped: { entry: string; file: string; stored: string; id: string; stamp: string; digest: string }[] = [];
  for (const entry of files) {
    const file = path.join(baseDir, entry);
    const stored = relativeFilePath(root, file);
    const id = String(generateId({ entry, base: baseUrl, data: {} }));
    const stamp = fileStamp(file);
    const known = previous.get(stored);
    const entryNow = context.store.get(id);
    if (stamp !== undefined && entryNow?.filePath === stored && entryNow.digest !== undefined) {
      const digest = String(entryNow.digest);
      if (known?.stamp === stamp && digest === known.digest) {
        unchanged.add(id);
        kept.set(stored, known);
        continue;
      }
      restamped.push({ entry, file, stored, id, stamp, digest });
      continue;
    }
    changed.push({ entry, stored, id, stamp });
  }
  // As after a fresh clone: git's ids of the files' bytes, compared with the record's, when enough
  // files are unknown by their stamps to be worth asking.
  const blobs = restamped.length + changed.length >= ASK_GIT_FROM ? gitBlobIds(baseDir) : undefined;
  let read = 0;
  let same = 0;
  let toldByGit = 0;
  for (const { entry, file, stored, id, stamp, digest } of restamped) {
    const blob = blobs?.get(entry);
    const known = previous.get(stored);
    if (blob !== undefined && known?.blob === blob && known.digest === digest) {
      unchanged.add(id);
      kept.set(stored, { stamp, digest, blob });
      toldByGit++;
      continue;
    }
    // Read after its stamp was taken: a file saved after the stamp is read again next time.
    read++;
    const bytes = readBytes(file);
    if (bytes !== undefined && String(context.generateDigest(bytes.toString('utf8'))) === digest) {
      unchanged.add(id);
      // With git's id of the bytes read (git's own for this file, when they are the same).
      kept.set(stored, { stamp, digest, blob: blob === undefined ? undefined : gitBlobId(bytes, blob) });
      same++;
      continue;
    }
    changed.push({ entry, stored, id, stamp });
  }
  // Astro writes the whole content store 500 ms after its last change (14.5 MB, 0.8 s, at 10,000
  // stories), and it changes the store as the sync starts. Reading 10,000 files here (0.3 s, at
  // once: the timer cannot fire meanwhile) ended past that, and the store was written once more in
  // the middle of the sync. A note in the loader's meta store, a change, puts that write off to the
  // end of the sync, where it happens anyway (a later Astro that debounced otherwise would only be
  // slower).
  if (read > 0) context.meta.set('stamp-check', `${read} file(s) read`);
  return { unchanged, kept, changed, readUnchanged: same, toldByGit, blobs };
}

/** A file's bytes; undefined if it cannot be read. */
function readBytes(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Astro's `glob()` loader, with front matter read by YAML's core schema instead of the default
 * one. Why: the default schema turns `published: 2023-04-05 08:00` into a Date at 08:00 UTC and
 * forgets that no offset was written, but the content contract says such a time is Phnom Penh
 * time. The core schema keeps dates as text, and the collection schema reads them in the site
 * timezone. It also keeps `no`, `on` and `yes` as words, not booleans. The validator reads front
 * matter with the same function (`src/content/front-matter.ts`).
 */
export function plainDatesGlob(options: GlobOptions, { fromBody, stamps }: PlainDatesGlobExtras = {}): Loader {
  const inner = glob(options);
  return {
    ...inner,
    name: 'broadsheet-glob',
    load: async (context: LoaderContext) => {
      // Each changed file's text, from the glob loader's read to its parseData (a few at a time).
      const contents = new Map<string, string>();
      // Git's ids of the files the glob loader reads, worked out from the text it read (the text its
      // digest is of), once git has been asked (`idLike`: one of its ids, for the hash it uses).
      const readIds = new Map<string, string>();
      let idLike: string | undefined;
      const onRead = (file: string, text: string) => {
        if (idLike !== undefined) readIds.set(file, gitBlobId(Buffer.from(text, 'utf8'), idLike));
      };
      const run = (loader: Loader, loaderContext: LoaderContext) =>
        loader.load({
          ...skippingUnchanged(loaderContext, options, contents, onRead),
          parseData: async (props) => {
            let body: string | undefined;
            if (props.filePath) {
              const text = contents.get(props.filePath) ?? (await readFile(props.filePath, 'utf8'));
              contents.delete(props.filePath);
              const { yaml, body: markdown } = splitMarkdown(text);
              if (yaml !== undefined) {
                const plain = loadFrontMatterYaml(yaml, props.filePath);
                if (plain && typeof plain === 'object') props = { ...props, data: plain as typeof props.data };
              }
              body = markdown;
            }
            const data = await context.parseData(props);
            return fromBody && body !== undefined ? { ...data, ...fromBody(body, data) } : data;
          },
        });
      try {
        if (stamps === undefined || context.watcher || !options.generateId || options.base === undefined) {
          await run(inner, context);
          return;
        }
        // As Astro's glob loader finds them (the same call), then which of them changed.
        const folders = globFolders(context, options.base);
        const files = await listFiles(options.pattern, { cwd: folders.baseDir, expandDirectories: false });
        const { unchanged, kept, changed, readUnchanged, toldByGit, blobs } = unchangedFiles(context, folders, options.generateId, files, readFileStamps(stamps));
        idLike = blobs?.values().next().value;
        if (changed.length > MOST_FILES_BY_NAME) {
          await run(inner, context);
        } else if (changed.length > 0) {
          // The glob loader reads the changed files only, and sees only the entries that are not
          // unchanged: those of changed files, and those of files gone (which it deletes).
          const byName = glob({ ...options, pattern: changed.map(({ entry }) => escapePath(entry)) });
          const keys = () => context.store.keys().filter((id) => !unchanged.has(id));
          await run(byName, { ...context, store: { ...context.store, keys } });
        } else {
          for (const id of context.store.keys()) if (!unchanged.has(id)) context.store.delete(id);
        }
        // The stamps taken before the reads, with the digests of what was read.
        for (const { entry: name, stored, id, stamp } of changed) {
          const entry = context.store.get(id);
          const blob = readIds.get(path.join(folders.baseDir, name));
          if (stamp !== undefined && entry?.filePath === stored && entry.digest !== undefined) kept.set(stored, { stamp, digest: String(entry.digest), blob });
        }
        writeFileStamps(stamps, kept);
        const told =
          toldByGit === 0
            ? 'read and hashed to tell'
            : readUnchanged === 0
              ? "git's ids of their bytes told, none read"
              : `git's ids of their bytes told for ${toldByGit}, ${readUnchanged} read and hashed to tell`;
        const how = toldByGit + readUnchanged > 0 ? ` (${toldByGit + readUnchanged} of them with new stamps, as after a fresh clone: ${told}), not loaded again` : ', not read again';
        context.logger.info(`${unchanged.size} of ${files.length} file(s) unchanged since the last build${how}.`);
      } finally {
        contents.clear();
      }
    },
  };
}
