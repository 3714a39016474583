/**
 * The one typed place for a publication's settings. `astro.config.mjs`, the data module and the
 * pages read it; nothing else hard-codes a name, URL, locale or timezone.
 */
export interface SiteConfig {
  /** The publication's name, as readers and feed readers see it. */
  name: string;
  /** Short name for tight spaces (logo text, app title). */
  shortName: string;
  /** Public origin the site is deployed to, with no trailing slash. Canonical URLs and feeds use it. */
  url: string;
  /** BCP 47 language tag for `<html lang>` and date formatting. */
  locale: string;
  /** IANA timezone: dates without an offset are read in it, and every date is shown in it. */
  timezone: string;
  /** One-line description for the front page and feeds. */
  description: string;
  mostViewed: {
    /** How many days of page views count, ending at the newest date in the analytics file. */
    windowDays: number;
    /** How many stories the rail shows. */
    size: number;
  };
  /** Words taken from the body when an article has no `dek` and an excerpt is needed. */
  excerptWords: number;
  /** Stories per page on section, author and tag pages. `BROADSHEET_PAGE_SIZE` overrides it for one build. */
  listPageSize: number;
  frontPage: {
    /** Top stories under the lead. */
    topStories: number;
    /** Newest stories in each section's block (stories already at the top are not repeated). */
    storiesPerSection: number;
  };
  /** How many related stories an article page shows. */
  relatedStories: number;
  /** Longest headline (`title`) allowed, in characters: longer ones fail validation. */
  headlineMaxLength: number;
}

export const siteConfig: SiteConfig = {
  name: 'The Phnom Penh Post',
  shortName: 'Post',
  url: 'https://www.phnompenhpost.example',
  locale: 'en-GB',
  timezone: 'Asia/Phnom_Penh',
  description: 'News from Cambodia: national affairs, politics, business and culture.',
  mostViewed: { windowDays: 7, size: 6 },
  excerptWords: 40,
  listPageSize: 20,
  frontPage: { topStories: 6, storiesPerSection: 4 },
  relatedStories: 4,
  headlineMaxLength: 120,
};

/** Settings for what machines read: feeds, sitemaps, search engines and social cards. */
export interface MachineConfig {
  feeds: {
    /** Newest stories in each RSS feed; readers poll often, so older ones add weight and nothing else. */
    itemLimit: number;
  };
  newsSitemap: {
    /** Google News lists articles published in the last 48 hours before the build. */
    windowHours: number;
  };
  publisher: {
    /**
     * Pixel size (square) the logo in `src/assets/publisher-logo.png` is published at in structured
     * data. Google asks for at least 112x112 pixels in PNG, JPEG, WebP or SVG.
     */
    logoSize: number;
  };
  search: {
    /**
     * Stories per Pagefind index. Pagefind holds a whole index in memory while it writes it (about
     * 0.2 MB a story), so a larger archive is split into indexes of at most this many stories,
     * which the search page merges in the reader's browser. An edit or a new story re-indexes its
     * whole index (Pagefind: about 1.1 ms a story here), while a reader's search fetches a part of
     * every index: 2,500 made a one-story edit about 3 s shorter than 5,000 did, for about 18 %
     * more bytes in a reader's first search of a 10,000-story archive (docs/benchmarks/README.md).
     */
    shardSize: number;
  };
  social: {
    /** Width of the share image made from an article's hero (Open Graph, Twitter, JSON-LD). */
    imageWidth: number;
    /** The publication's X/Twitter handle with `@`, or undefined. */
    twitterSite?: string | undefined;
  };
}

export const machineConfig: MachineConfig = {
  feeds: { itemLimit: 30 },
  newsSitemap: { windowHours: 48 },
  publisher: { logoSize: 512 },
  search: { shardSize: 2500 },
  social: { imageWidth: 1200, twitterSite: undefined },
};
