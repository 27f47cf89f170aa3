// Stock tickers as releases print them ("NYSE: ACMI", "(Nasdaq: ABCD)", "TSX: MGE", "OTCQB:BFAN"),
// with exchange names normalised to one spelling each (NASDAQ -> Nasdaq, NYSE MKT -> NYSE American,
// TSX-V -> TSXV), so a search for `Nasdaq` finds every way it was written.
import type { Ticker } from '../core/index.js';

/** Exchange spellings (lower case, single spaces) -> the one name we report. */
const EXCHANGES: Readonly<Record<string, string>> = {
  nyse: 'NYSE', 'new york stock exchange': 'NYSE', 'nyse american': 'NYSE American', 'nyse mkt': 'NYSE American',
  amex: 'NYSE American', 'nyse arca': 'NYSE Arca',
  nasdaq: 'Nasdaq', nasdaqgs: 'Nasdaq', nasdaqgm: 'Nasdaq', nasdaqcm: 'Nasdaq',
  'nasdaq global select market': 'Nasdaq', 'nasdaq global select': 'Nasdaq', 'nasdaq global market': 'Nasdaq',
  'nasdaq capital market': 'Nasdaq', 'nasdaq gs': 'Nasdaq', 'nasdaq cm': 'Nasdaq', 'nasdaq gm': 'Nasdaq',
  tsx: 'TSX', 'tsx venture': 'TSXV', 'tsx venture exchange': 'TSXV', 'tsx-v': 'TSXV', tsxv: 'TSXV', 'tsx.v': 'TSXV',
  cse: 'CSE', neo: 'Cboe Canada', 'cboe canada': 'Cboe Canada', cboe: 'Cboe',
  otcqb: 'OTCQB', otcqx: 'OTCQX', 'otc pink': 'OTC Pink', otc: 'OTC', 'otc markets': 'OTC', otcbb: 'OTC',
  lse: 'LSE', aim: 'AIM', asx: 'ASX', nzx: 'NZX', hkex: 'HKEX', sehk: 'HKEX', hkse: 'HKEX', sgx: 'SGX',
  tyo: 'TSE', tse: 'TSE', 'tokyo stock exchange': 'TSE', krx: 'KRX', kosdaq: 'KOSDAQ', kospi: 'KRX',
  sse: 'SSE', szse: 'SZSE', twse: 'TWSE', bse: 'BSE', nse: 'NSE',
  euronext: 'Euronext', 'euronext paris': 'Euronext Paris', 'euronext amsterdam': 'Euronext Amsterdam',
  'euronext brussels': 'Euronext Brussels', 'euronext growth': 'Euronext Growth',
  xetra: 'XETRA', fwb: 'FWB', fse: 'FWB', frankfurt: 'FWB', six: 'SIX', jse: 'JSE', tase: 'TASE',
  'nasdaq stockholm': 'Nasdaq Stockholm', 'nasdaq helsinki': 'Nasdaq Helsinki', 'nasdaq copenhagen': 'Nasdaq Copenhagen',
  'oslo børs': 'Oslo Børs', ose: 'Oslo Børs', bmv: 'BMV', b3: 'B3', bovespa: 'B3',
};

/** Exchanges whose symbols are numbers. */
const NUMERIC_EXCHANGES = new Set(['TSE', 'HKEX', 'KRX', 'KOSDAQ', 'SSE', 'SZSE', 'TWSE', 'BSE', 'SGX']);

const EXCHANGE_ALTERNATION = Object.keys(EXCHANGES)
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'))
  .join('|');

/** An exchange name closing the text before a colon ("... (NYSE", "listed on the TSX Venture"). */
const EXCHANGE_END_RE = new RegExp(`(?<![\\p{L}\\p{N}])(${EXCHANGE_ALTERNATION})\\s?$`, 'iu');
/** The symbol after the colon: upper case letters and digits, with dots or dashes inside. */
const SYMBOL_RE = /\s?([A-Z0-9][A-Z0-9.-]{0,9}[A-Z0-9]|[A-Z])(?![\p{L}\p{N}])/uy;
/** The longest exchange spelling, plus room for a space: how far back from a colon to look. */
const LOOKBACK = Math.max(...Object.keys(EXCHANGES).map((k) => k.length)) + 2;

/**
 * Tickers in order of first appearance, each once. Driven by colons, so text without one costs
 * a single indexOf.
 */
export function findTickers(texts: readonly string[]): Ticker[] {
  const out: Ticker[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
      const before = EXCHANGE_END_RE.exec(text.slice(Math.max(0, colon - LOOKBACK), colon));
      if (!before) continue;
      SYMBOL_RE.lastIndex = colon + 1;
      const after = SYMBOL_RE.exec(text);
      if (!after) continue;
      const exchange = EXCHANGES[(before[1] ?? '').toLowerCase().replace(/\s+/g, ' ')];
      const symbol = after[1] ?? '';
      // Symbols carry a letter ("Nasdaq: 2024" is a year), except on Asian exchanges that
      // number their listings ("TSE: 7203", "HKEX: 0700", "KRX: 005930").
      if (!exchange || !(/[A-Z]/.test(symbol) || (NUMERIC_EXCHANGES.has(exchange) && /^\d{4,6}$/.test(symbol)))) continue;
      const key = `${exchange}:${symbol}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ exchange, symbol });
      }
    }
  }
  return out;
}
