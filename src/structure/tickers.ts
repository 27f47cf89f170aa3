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

const EXCHANGE_ALTERNATION = Object.keys(EXCHANGES)
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'))
  .join('|');

/**
 * Exchange, colon, symbol. The exchange must not be glued to a word before it, and the symbol
 * starts upper case (so "NYSE: the largest ..." is not a ticker).
 */
const TICKER_RE = new RegExp(`(?<![\\p{L}\\p{N}])(${EXCHANGE_ALTERNATION})\\s?:\\s?([A-Z0-9][A-Z0-9.-]{0,9}[A-Z0-9]|[A-Z])(?![\\p{L}\\p{N}])`, 'giu');
/** Tickers sit beside a colon; no colon, no scan. */
const PRECHECK_RE = /[A-Za-z]\s?:\s?[A-Z0-9]/;

/** Tickers in order of first appearance, each once. */
export function findTickers(texts: readonly string[]): Ticker[] {
  const out: Ticker[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    if (!PRECHECK_RE.test(text)) continue;
    TICKER_RE.lastIndex = 0;
    for (let m = TICKER_RE.exec(text); m !== null; m = TICKER_RE.exec(text)) {
      const exchange = EXCHANGES[(m[1] ?? '').toLowerCase().replace(/\s+/g, ' ')];
      const symbol = m[2] ?? '';
      if (!exchange || !/[A-Z]/.test(symbol)) continue; // symbols carry letters ("Nasdaq: 2024" is a year)
      // The symbol is case-sensitive in the pattern but the exchange is not: reject lower-case symbols.
      if (symbol !== symbol.toUpperCase()) continue;
      const key = `${exchange}:${symbol}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ exchange, symbol });
      }
    }
  }
  return out;
}
