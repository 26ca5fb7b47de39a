/**
 * @module ingest/outlets
 * Display names for outlets named by a host ("geekwire.com" -> "GeekWire"). Unknown hosts are shown as
 * the host itself, which is still more useful to a reader than nothing.
 */
const KNOWN_OUTLETS: Record<string, string> = {
  'apnews.com': 'AP News',
  'arstechnica.com': 'Ars Technica',
  'axios.com': 'Axios',
  'bbc.co.uk': 'BBC',
  'bbc.com': 'BBC',
  'bloomberg.com': 'Bloomberg',
  'businessinsider.com': 'Business Insider',
  'cnbc.com': 'CNBC',
  'cnn.com': 'CNN',
  'college.usatoday.com': 'USA TODAY College',
  'engadget.com': 'Engadget',
  'forbes.com': 'Forbes',
  'ft.com': 'Financial Times',
  'geekwire.com': 'GeekWire',
  'nytimes.com': 'The New York Times',
  'reuters.com': 'Reuters',
  'techcrunch.com': 'TechCrunch',
  'theguardian.com': 'The Guardian',
  'theverge.com': 'The Verge',
  'theweek.co.uk': 'The Week',
  'theweek.com': 'The Week',
  'usatoday.com': 'USA TODAY',
  'washingtonpost.com': 'The Washington Post',
  'wired.com': 'WIRED',
  'wsj.com': 'The Wall Street Journal',
};

/** A host or URL -> the outlet's display name; other text is returned trimmed. */
export function outletName(value: string): string {
  const trimmed = value.trim();
  const host = hostOf(trimmed);
  if (!host) return trimmed;
  return KNOWN_OUTLETS[host] ?? host;
}

function hostOf(value: string): string | null {
  let candidate = value;
  if (/^https?:\/\//i.test(candidate)) {
    try {
      candidate = new URL(candidate).hostname;
    } catch {
      return null;
    }
  }
  candidate = candidate.toLowerCase().replace(/^www\./, '');
  const slash = candidate.indexOf('/');
  if (slash >= 0) candidate = candidate.slice(0, slash);
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(candidate) ? candidate : null;
}
