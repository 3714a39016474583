import { describe, expect, it } from 'vitest';
import { embedSrcPatterns, isEmbedSrc, recogniseEmbed } from '../../src/lib/embeds.ts';

describe('recogniseEmbed', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=45', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=45'],
    ['https://youtu.be/dQw4w9WgXcQ?t=1h2m3s', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=3723'],
    ['https://www.youtube.com/shorts/dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['//www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=10', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=10'],
    ['http://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871?dnt=1'],
    ['https://vimeo.com/76979871/8272103f6e', 'https://player.vimeo.com/video/76979871?dnt=1&h=8272103f6e'],
    ['https://x.com/phnompenhpost/status/1712345678901234567', 'https://platform.twitter.com/embed/Tweet.html?id=1712345678901234567&dnt=true'],
    ['https://mobile.twitter.com/a/status/17', 'https://platform.twitter.com/embed/Tweet.html?id=17&dnt=true'],
    [
      'https://www.facebook.com/phnompenhpost/videos/1234567890/',
      'https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fphnompenhpost%2Fvideos%2F1234567890%2F&show_text=false',
    ],
    ['https://www.google.com/maps/embed?pb=!1m18!1m12', 'https://www.google.com/maps/embed?pb=!1m18!1m12'],
  ])('turns %s into the iframe src %s', (url, src) => {
    const embed = recogniseEmbed(url);
    expect(embed?.src).toBe(src);
    expect(isEmbedSrc(embed!.src)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
    'https://evil.example/?u=https://youtu.be/dQw4w9WgXcQ',
    'https://www.youtube.com/watch?v=<script>',
    'https://www.youtube.com/channel/UC123',
    'https://vimeo.com/about',
    'https://x.com/phnompenhpost',
    'https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fevil.example%2Fvideos%2F1%2F',
    'https://www.google.com/maps/place/Phnom+Penh',
    'https://www.google.com/maps/embed?pb="><script>',
    'ftp://youtube.com/watch?v=dQw4w9WgXcQ',
    'not a url',
  ])('refuses %s', (url) => {
    expect(recogniseEmbed(url)).toBeUndefined();
  });

  it('gives players the fewest sandbox tokens and permissions they need, and none to posts and maps', () => {
    const video = recogniseEmbed('https://youtu.be/dQw4w9WgXcQ')!;
    expect(video.sandbox).not.toContain('allow-top-navigation');
    expect(video.sandbox).not.toContain('allow-forms');
    expect(video.allow).toEqual(['encrypted-media', 'fullscreen', 'picture-in-picture']);
    expect(recogniseEmbed('https://x.com/a/status/1')!.allow).toEqual([]);
    expect(recogniseEmbed('https://www.google.com/maps/embed?pb=!1m1')!.sandbox).not.toContain('allow-presentation');
  });

  it('honours a shorter list of providers', () => {
    expect(recogniseEmbed('https://vimeo.com/1', ['youtube'])).toBeUndefined();
    expect(recogniseEmbed('https://youtu.be/dQw4w9WgXcQ', ['youtube'])?.provider).toBe('youtube');
  });
});

describe('isEmbedSrc', () => {
  it('accepts only the exact URLs recogniseEmbed builds', () => {
    expect(embedSrcPatterns.length).toBe(5);
    expect(isEmbedSrc('https://www.youtube.com/embed/dQw4w9WgXcQ')).toBe(false);
    expect(isEmbedSrc('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1')).toBe(false);
    expect(isEmbedSrc('https://player.vimeo.com/video/1?dnt=1')).toBe(true);
  });
});
