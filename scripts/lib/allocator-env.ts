/**
 * Environment for the Astro process that makes its Rust libraries give freed memory back.
 *
 * Vite's bundler (Rolldown) and Astro's compiler are Rust libraries loaded into Astro's process,
 * and both allocate with mimalloc. By default mimalloc keeps memory it has freed for a while and
 * then returns it lazily (MADV_FREE: the pages still count as the process's until the system runs
 * short). Bundling a 10,000-story site goes through a few hundred megabytes that way, and they
 * stayed in Astro's resident set for the rest of the build, under the pages it renders. Measured
 * in a warm 10,000-story build: Astro's peak 1.32 GB by default, 1.14 GB returning at once, 1.03 GB
 * returning at once and for good; bundling took as long (4.1 to 4.3 s). Setting only the second
 * changed nothing. Values already in the environment win.
 */
export function allocatorEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return {
    // Return freed memory to the system at once instead of after a delay...
    MIMALLOC_PURGE_DELAY: env['MIMALLOC_PURGE_DELAY'] ?? '0',
    // ...by decommitting it (MADV_DONTNEED), so it leaves the resident set now.
    MIMALLOC_PURGE_DECOMMITS: env['MIMALLOC_PURGE_DECOMMITS'] ?? '1',
  };
}
