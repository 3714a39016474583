import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  on: { push: { branches: string[] }; schedule: { cron: string }[]; workflow_dispatch: unknown };
  jobs: Record<string, { steps: Step[]; container?: string; needs?: string; permissions?: Record<string, string> }>;
}

const root = path.resolve(import.meta.dirname, '../..');
const text = readFileSync(path.join(root, '.github/workflows/deploy.yml'), 'utf8');
const workflow = load(text) as Workflow;
const deploy = workflow.jobs['build-and-deploy']!;
const steps = deploy.steps;
const stepIndex = (match: (step: Step) => boolean) => steps.findIndex(match);

describe('the deploy workflow', () => {
  it('runs on pushes to main, every 15 minutes and on demand', () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on.schedule).toEqual([{ cron: '*/15 * * * *' }]);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('installs chromium, the pinned Node and the locked dependencies before testing and building', () => {
    const install = stepIndex((s) => /apt-get install[^\n]*\\?\s*chromium/.test(s.run ?? ''));
    const node = stepIndex((s) => s.uses?.startsWith('actions/setup-node') ?? false);
    const ci = stepIndex((s) => /npm ci\b/.test(s.run ?? ''));
    const typecheck = stepIndex((s) => /npm run (check|typecheck)/.test(s.run ?? ''));
    const test = stepIndex((s) => s.run === 'npm test');
    const build = stepIndex((s) => /npm run build/.test(s.run ?? ''));
    expect(steps[node]?.with?.['node-version-file']).toBe('.nvmrc');
    expect([install, node, ci, typecheck, test, build].every((i) => i >= 0)).toBe(true);
    expect(install).toBeLessThan(test);
    expect(node).toBeLessThan(ci);
    expect(ci).toBeLessThan(typecheck);
    expect(typecheck).toBeLessThan(test);
    expect(test).toBeLessThan(build);
  });

  it("keeps Astro's cache directory between runs and builds with it", () => {
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'));
    expect(cache?.with?.path).toBe('.broadsheet/astro-cache');
    expect((deploy as { env?: Record<string, string> }).env?.BROADSHEET_CACHE_DIR).toBe('.broadsheet/astro-cache');
  });

  it('deploys to Cloudflare Pages with secrets by name, or to S3 and CloudFront when chosen, after the build', () => {
    const cloudflare = stepIndex((s) => s.uses?.startsWith('cloudflare/wrangler-action') ?? false);
    const s3 = stepIndex((s) => /deploy-s3\.sh/.test(s.run ?? ''));
    expect(cloudflare).toBeGreaterThan(stepIndex((s) => /npm run build/.test(s.run ?? '')));
    expect(steps[cloudflare]?.with?.apiToken).toBe('${{ secrets.CLOUDFLARE_API_TOKEN }}');
    expect(steps[cloudflare]?.with?.accountId).toBe('${{ secrets.CLOUDFLARE_ACCOUNT_ID }}');
    expect(steps[cloudflare]?.with?.command).toMatch(/^pages deploy dist /);
    expect(steps[s3]?.env?.AWS_ACCESS_KEY_ID).toBe('${{ secrets.AWS_ACCESS_KEY_ID }}');
    expect(steps[s3]?.env?.AWS_SECRET_ACCESS_KEY).toBe('${{ secrets.AWS_SECRET_ACCESS_KEY }}');
    expect(steps[s3]?.if).toBe("vars.DEPLOY_TARGET == 's3'");
    expect(steps[cloudflare]?.if).toBe("vars.DEPLOY_TARGET != 's3'");
  });

  it('commits no credential: every token and key comes from secrets', () => {
    expect(text).not.toMatch(/(AKIA[0-9A-Z]{12,}|apiToken:\s*[^$\s])/);
  });

  it('asks for the next embargo after deploying and dispatches a run at that time', () => {
    const next = stepIndex((s) => /npm run --silent next-publish/.test(s.run ?? ''));
    expect(next).toBeGreaterThan(stepIndex((s) => s.uses?.startsWith('cloudflare/wrangler-action') ?? false));
    const waiter = workflow.jobs['publish-on-time']!;
    expect(waiter.needs).toBe('build-and-deploy');
    expect(waiter.permissions).toEqual({ actions: 'write' });
    expect(waiter.steps.some((s) => /gh workflow run deploy\.yml/.test(s.run ?? ''))).toBe(true);
  });
});
