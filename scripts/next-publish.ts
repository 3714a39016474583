/**
 * `npm run next-publish`: prints when the next embargoed story goes live, so a scheduler can
 * rebuild exactly then. The first word of the output is the time (ISO 8601 with the site's
 * offset); the story files follow. Nothing scheduled: a message on stderr, exit 0, no stdout.
 * Content with problems: they are listed and the exit code is 1, since that build would fail.
 */
import { buildNow, contentDir } from '../src/build-env.ts';
import { formatProblems, validateContent } from '../src/content/validate-content.ts';
import { toZonedIsoString } from '../src/lib/dates.ts';
import { nextPublication } from '../src/lib/publishing.ts';
import { siteConfig } from '../src/site.config.ts';

let now: Date;
try {
  now = buildNow();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const { problems, articles } = validateContent({ contentDir: contentDir(), now });
if (problems.length) {
  console.error(formatProblems(problems));
  process.exit(1);
}
const next = nextPublication(articles, now);
if (!next) {
  console.error(`Nothing is scheduled: no story that is not a draft is published after ${toZonedIsoString(now, siteConfig.timezone)}.`);
  process.exit(0);
}
console.log(`${toZonedIsoString(next.at, siteConfig.timezone)} ${next.stories.map((s) => s.file).join(' ')}`);
