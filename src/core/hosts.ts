// A site's host as people name it: what bylines, pickup reports and site: filters show.

/**
 * The host of `url` without a leading "www." (or "www2."), or null when it is not a URL.
 * @example hostOf('https://www.harbour-gazette.example/trams') === 'harbour-gazette.example'
 */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\d*\./, '') || null;
  } catch {
    return null;
  }
}
