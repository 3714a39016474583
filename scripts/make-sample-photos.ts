/**
 * Writes the generated pictures the sample site and the test fixtures use. Run once; the files are
 * committed so builds and tests never depend on this script.
 *   npm run sample-photos
 */
import { writeFile } from 'node:fs/promises';
import { samplePhoto } from './lib/sample-photo.ts';

const photos: { file: string; width: number; height: number; seed: number }[] = [
  { file: 'content/articles/national/justice-ministry-asean-act-hold-human-trafficking-workshop/workshop.jpg', width: 1800, height: 1200, seed: 2023 },
  { file: 'content/articles/business/pm-to-open-new-siem-reap-intl-airport-december-1/terminal.jpg', width: 1600, height: 900, seed: 1201 },
  // Test fixtures stay small so the fixture builds are quick.
  { file: 'tests/fixtures/basic/articles/news/kampot-salt-harvest/salt-fields.jpg', width: 640, height: 427, seed: 11 },
  { file: 'tests/fixtures/basic/articles/news/kampot-salt-harvest/farmer.jpg', width: 480, height: 320, seed: 12 },
  { file: 'tests/fixtures/basic/articles/news/embargoed-budget-leak/embargoed-hero.jpg', width: 640, height: 427, seed: 13 },
  { file: 'tests/fixtures/newsroom/articles/business/new-port-opens/port.jpg', width: 640, height: 400, seed: 21 },
  { file: 'tests/fixtures/newsroom/authors/dara-kim.jpg', width: 200, height: 200, seed: 22 },
];

for (const photo of photos) {
  await writeFile(photo.file, await samplePhoto(photo));
  console.log(`wrote ${photo.file} (${photo.width}x${photo.height})`);
}
