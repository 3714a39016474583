/**
 * `npm run check` (first step) and the first step of `npm run build`: validates the content
 * directory without Astro and prints every problem in editor language. Exit code 1 when there is
 * any problem. No stack trace: the messages say everything an editor needs.
 */
import { buildNow, contentDir } from '../src/build-env.ts';
import { displayPath } from '../src/content/editor-error.ts';
import { formatProblems, validateContent, type ValidatedArticle } from '../src/content/validate-content.ts';

/** The stories, when the content is valid; undefined (after printing every problem) when not. */
export function checkContent(): ValidatedArticle[] | undefined {
  const dir = contentDir();
  let now: Date;
  try {
    now = buildNow();
  } catch (error) {
    console.error((error as Error).message);
    return undefined;
  }
  const { problems, articles } = validateContent({ contentDir: dir, now });
  if (problems.length) {
    console.error(formatProblems(problems));
    return undefined;
  }
  console.log(`Content OK: ${String(articles.length)} stor${articles.length === 1 ? 'y' : 'ies'} in ${displayPath(dir)}/ checked.`);
  return articles;
}

if (import.meta.main) process.exit(checkContent() ? 0 : 1);
