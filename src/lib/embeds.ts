/**
 * Which third-party players a story may embed, and the one safe iframe each becomes.
 *
 * An editor pastes either the provider's own `<iframe>` (from its share dialog) or a bare link
 * to the video, post or map. Either way we never keep the pasted markup: we read the id out of
 * the URL and build the iframe ourselves, always over HTTPS, on the provider's privacy-friendlier
 * host where there is one, with the fewest sandbox tokens and permissions the player needs.
 */

export type EmbedProviderId = 'youtube' | 'vimeo' | 'x' | 'facebook' | 'google-maps';

export interface Embed {
  provider: EmbedProviderId;
  /** The iframe's `src`: rebuilt from the recognised id, never the pasted URL. */
  src: string;
  /** An accessible name for the frame when the editor gave none. */
  defaultTitle: string;
  /** `sandbox` tokens: scripts and the provider's own origin so the player runs; popups so "watch on …" links open. */
  sandbox: string[];
  /** Permissions Policy features the player may use (the iframe's `allow`); none when empty. */
  allow: string[];
  /** Shape of the frame, for the stylesheet: `video` (16:9), `map` (4:3) or `post` (tall). */
  shape: 'video' | 'map' | 'post';
}

const PLAYER_SANDBOX = ['allow-scripts', 'allow-same-origin', 'allow-presentation', 'allow-popups', 'allow-popups-to-escape-sandbox'];
const WIDGET_SANDBOX = ['allow-scripts', 'allow-same-origin', 'allow-popups', 'allow-popups-to-escape-sandbox'];
// No autoplay, clipboard, sensors or web-share: a reader starts a video, and that is all it does.
const PLAYER_ALLOW = ['encrypted-media', 'fullscreen', 'picture-in-picture'];

/** Every `sandbox` token and `allow` value an embed may carry: the sanitizer's allowlist for them. */
export const embedSandboxTokens: readonly string[] = PLAYER_SANDBOX;
export const embedAllowValues: readonly string[] = [PLAYER_ALLOW.join('; ')];
export const embedReferrerPolicy = 'strict-origin-when-cross-origin';

/** The providers a story may embed, for messages and documentation. */
export const embedProviderNames: Record<EmbedProviderId, string> = {
  youtube: 'YouTube',
  vimeo: 'Vimeo',
  x: 'X (Twitter)',
  facebook: 'Facebook video',
  'google-maps': 'Google Maps',
};

/**
 * The iframe `src` prefixes this module ever produces. The sanitizer's schema allows iframes only
 * with a `src` matching one of these, as a second line of defence behind the embed plugin.
 */
export const embedSrcPatterns: RegExp[] = [
  /^https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]{6,20}(?:\?start=\d+)?$/,
  /^https:\/\/player\.vimeo\.com\/video\/\d+\?dnt=1(?:&h=[0-9a-f]+)?$/,
  /^https:\/\/platform\.twitter\.com\/embed\/Tweet\.html\?id=\d+&dnt=true$/,
  /^https:\/\/www\.facebook\.com\/plugins\/video\.php\?href=https%3A%2F%2Fwww\.facebook\.com%2F[\w.%-]+&show_text=false$/,
  /^https:\/\/www\.google\.com\/maps\/embed\?pb=[\w!.%*:-]+$/,
];

/** A video player: may present full screen and play protected media. */
function player(provider: EmbedProviderId, src: string, defaultTitle: string): Embed {
  return { provider, src, defaultTitle, sandbox: PLAYER_SANDBOX, allow: PLAYER_ALLOW, shape: 'video' };
}

/** A post or map: runs its own script and opens links, nothing more. */
function widget(provider: EmbedProviderId, src: string, defaultTitle: string, shape: Embed['shape']): Embed {
  return { provider, src, defaultTitle, sandbox: WIDGET_SANDBOX, allow: [], shape };
}

const YOUTUBE_ID = /^[\w-]{6,20}$/;
const DIGITS = /^\d+$/;

function parseUrl(text: string): URL | undefined {
  const trimmed = text.trim();
  // Protocol-relative URLs are common in pasted embed codes.
  const withProtocol = trimmed.startsWith('//') ? `https:${trimmed}` : trimmed;
  if (!URL.canParse(withProtocol)) return undefined;
  const url = new URL(withProtocol);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}

function host(url: URL): string {
  return url.hostname.toLowerCase().replace(/^(?:www|m|mobile)\./, '');
}

/** `t=1m30s`, `t=90`, `start=90` → seconds. */
function startSeconds(url: URL): number | undefined {
  const raw = url.searchParams.get('start') ?? url.searchParams.get('t');
  if (!raw) return undefined;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(raw);
  if (!match || raw === '') return undefined;
  const seconds = Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
  return seconds > 0 ? seconds : undefined;
}

function youtube(url: URL): Embed | undefined {
  const h = host(url);
  const parts = url.pathname.split('/').filter(Boolean);
  let id: string | undefined;
  if (h === 'youtu.be') id = parts[0];
  else if (h === 'youtube.com' || h === 'youtube-nocookie.com') {
    if (parts[0] === 'watch') id = url.searchParams.get('v') ?? undefined;
    else if (parts[0] === 'embed' || parts[0] === 'shorts' || parts[0] === 'live') id = parts[1];
  }
  if (!id || !YOUTUBE_ID.test(id)) return undefined;
  const start = startSeconds(url);
  // youtube-nocookie sets no cookies until the reader plays the video.
  return player('youtube', `https://www.youtube-nocookie.com/embed/${id}${start ? `?start=${start}` : ''}`, 'YouTube video');
}

function vimeo(url: URL): Embed | undefined {
  const h = host(url);
  const parts = url.pathname.split('/').filter(Boolean);
  let id: string | undefined;
  let hash = url.searchParams.get('h') ?? undefined;
  if (h === 'player.vimeo.com' && parts[0] === 'video') id = parts[1];
  else if (h === 'vimeo.com') {
    id = parts[0];
    // Unlisted videos: vimeo.com/<id>/<hash>
    if (!hash && parts[1] && /^[0-9a-f]+$/.test(parts[1])) hash = parts[1];
  }
  if (!id || !DIGITS.test(id)) return undefined;
  const safeHash = hash && /^[0-9a-f]+$/.test(hash) ? `&h=${hash}` : '';
  return player('vimeo', `https://player.vimeo.com/video/${id}?dnt=1${safeHash}`, 'Vimeo video');
}

function xPost(url: URL): Embed | undefined {
  const h = host(url);
  const parts = url.pathname.split('/').filter(Boolean);
  let id: string | undefined;
  if (h === 'x.com' || h === 'twitter.com') {
    // x.com/<user>/status/<id>
    if (parts[1] === 'status') id = parts[2];
  } else if (h === 'platform.twitter.com' && url.pathname === '/embed/Tweet.html') {
    id = url.searchParams.get('id') ?? undefined;
  }
  if (!id || !DIGITS.test(id)) return undefined;
  // The frame X's own widget script would create, without running that script on our page.
  return widget('x', `https://platform.twitter.com/embed/Tweet.html?id=${id}&dnt=true`, 'Post on X', 'post');
}

function facebookVideo(url: URL): Embed | undefined {
  const h = host(url);
  let video: URL | undefined;
  if (h === 'facebook.com' && url.pathname === '/plugins/video.php') {
    video = parseUrl(url.searchParams.get('href') ?? '');
    if (video && host(video) !== 'facebook.com') return undefined;
  } else if (h === 'facebook.com' || h === 'fb.watch') {
    video = url;
  }
  if (!video) return undefined;
  const parts = video.pathname.split('/').filter(Boolean);
  let canonical: string | undefined;
  // facebook.com/<page>/videos/<id>/ and facebook.com/watch/?v=<id>
  const videosAt = parts.indexOf('videos');
  if (host(video) === 'facebook.com' && videosAt > 0 && DIGITS.test(parts[videosAt + 1] ?? '') && /^[\w.-]+$/.test(parts[0]!)) {
    canonical = `https://www.facebook.com/${parts[0]}/videos/${parts[videosAt + 1]}/`;
  } else if (host(video) === 'facebook.com' && parts[0] === 'watch' && DIGITS.test(video.searchParams.get('v') ?? '')) {
    canonical = `https://www.facebook.com/watch/?v=${video.searchParams.get('v')}`;
  }
  if (!canonical) return undefined;
  return player('facebook', `https://www.facebook.com/plugins/video.php?href=${encodeURIComponent(canonical)}&show_text=false`, 'Facebook video');
}

function googleMap(url: URL): Embed | undefined {
  // Only the "Embed a map" URL (…/maps/embed?pb=…) works in a frame without an API key; an
  // ordinary maps link cannot be turned into one.
  if (url.hostname !== 'www.google.com' && url.hostname !== 'maps.google.com') return undefined;
  if (url.pathname !== '/maps/embed') return undefined;
  const pb = url.searchParams.get('pb');
  if (!pb || !/^[\w!.%*:-]+$/.test(pb)) return undefined;
  return widget('google-maps', `https://www.google.com/maps/embed?pb=${pb}`, 'Google map', 'map');
}

const recognisers = [youtube, vimeo, xPost, facebookVideo, googleMap];

/**
 * The safe embed for a pasted URL (an iframe `src` or a link to the video, post or map), or
 * undefined when it is not from an allowed provider.
 */
export function recogniseEmbed(text: string, providers: readonly EmbedProviderId[] = Object.keys(embedProviderNames) as EmbedProviderId[]): Embed | undefined {
  const url = parseUrl(text);
  if (!url) return undefined;
  for (const recognise of recognisers) {
    const embed = recognise(url);
    if (embed) return providers.includes(embed.provider) ? embed : undefined;
  }
  return undefined;
}

/** Whether an iframe `src` is one this module builds: the sanitizer's allowlist. */
export function isEmbedSrc(src: string): boolean {
  return embedSrcPatterns.some((pattern) => pattern.test(src));
}
