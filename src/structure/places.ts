// Dateline place -> IANA time zone, to infer the offset of a time printed without one (a
// listing line "2023-07-04 14:17" under a BEIJING dateline is Beijing time). Covers major
// wire cities, US states and Canadian provinces (names and the abbreviations datelines use)
// and single-zone countries. Countries that span zones (US, Canada, Russia, Australia,
// Brazil, Mexico, Indonesia) are left out on purpose: their name alone fixes no offset.

/** Zone -> place names, `|`-separated, lower case, as datelines print them. */
const ZONE_PLACES: Readonly<Record<string, string>> = {
  // North America
  'America/New_York':
    'new york|new york city|nyc|washington|washington d.c.|washington, d.c.|d.c.|boston|philadelphia|atlanta|miami|' +
    'pittsburgh|baltimore|charlotte|raleigh|durham|richmond|cleveland|columbus|cincinnati|detroit|' +
    'orlando|tampa|jacksonville|fort lauderdale|west palm beach|boca raton|stamford|greenwich|hartford|' +
    'new haven|princeton|newark|jersey city|trenton|albany|buffalo|rochester|armonk|white plains|' +
    'wilmington|providence|indianapolis|louisville|columbia|charleston|savannah|norfolk|reston|' +
    'mclean|arlington|alexandria|bethesda|rockville|cambridge|burlington|portland, maine|' +
    'new york, ny|new york, n.y.|' +
    'ny|n.y.|new jersey|nj|n.j.|connecticut|ct|conn.|conn|massachusetts|ma|mass.|pennsylvania|pa|pa.|' +
    'maryland|md|md.|virginia|va|va.|west virginia|wv|w.va.|delaware|de|del.|rhode island|ri|r.i.|' +
    'vermont|vt|vt.|new hampshire|nh|n.h.|maine|me|ohio|oh|michigan|mi|mich.|georgia|ga|ga.|' +
    'south carolina|sc|s.c.|north carolina|nc|n.c.|florida|fl|fla.|district of columbia|' +
    'toronto|ottawa|montreal|montréal|quebec|québec|quebec city|mississauga|markham|waterloo|' +
    'ontario|on|ont.|que.|qc',
  'America/Chicago':
    'chicago|houston|dallas|austin|san antonio|fort worth|minneapolis|st. paul|saint paul|st paul|' +
    'milwaukee|kansas city|st. louis|st louis|saint louis|memphis|nashville|new orleans|omaha|' +
    'des moines|oklahoma city|tulsa|little rock|birmingham|madison|plano|irving|the woodlands|' +
    'sugar land|peoria|joliet|sioux falls|winnipeg|regina|saskatoon|' +
    'illinois|il|ill.|texas|tx|tex.|minnesota|mn|minn.|wisconsin|wi|wis.|missouri|mo|mo.|iowa|ia|' +
    'tennessee|tn|tenn.|louisiana|la|la.|oklahoma|ok|okla.|arkansas|ar|ark.|alabama|al|ala.|' +
    'mississippi|ms|miss.|kansas|ks|kan.|nebraska|ne|neb.|manitoba|mb|man.|saskatchewan|sk|sask.|' +
    'mexico city|ciudad de méxico|monterrey|guadalajara',
  'America/Denver':
    'denver|boulder|salt lake city|albuquerque|colorado springs|calgary|edmonton|boise|' +
    'colorado|co|colo.|utah|ut|new mexico|nm|n.m.|montana|mt|mont.|wyoming|wy|wyo.|idaho|id|' +
    'alberta|ab|alta.',
  'America/Phoenix': 'phoenix|scottsdale|tempe|tucson|arizona|az|ariz.',
  'America/Los_Angeles':
    'los angeles|san francisco|san jose|san diego|seattle|portland|sacramento|oakland|palo alto|' +
    'mountain view|menlo park|sunnyvale|santa clara|cupertino|redwood city|irvine|las vegas|' +
    'bellevue|redmond|vancouver|victoria|burnaby|' +
    'california|ca|calif.|washington state|wash.|oregon|or|ore.|nevada|nv|nev.|' +
    'british columbia|bc|b.c.',
  'America/Halifax': 'halifax|nova scotia|ns|n.s.|new brunswick|nb|n.b.|fredericton|moncton|charlottetown|prince edward island|pei|p.e.i.',
  'America/St_Johns': "st. john's|st john's|newfoundland|newfoundland and labrador|nl|nfld.",
  'America/Anchorage': 'anchorage|alaska|ak',
  'Pacific/Honolulu': 'honolulu|hawaii|hi',
  'America/Sao_Paulo': 'são paulo|sao paulo|rio de janeiro|brasilia|brasília|belo horizonte|curitiba|porto alegre|salvador|santos',
  'America/Argentina/Buenos_Aires': 'buenos aires|argentina',
  'America/Santiago': 'santiago|chile',
  'America/Lima': 'lima|peru',
  'America/Bogota': 'bogota|bogotá|medellin|medellín|colombia',
  'America/Caracas': 'caracas|venezuela',
  'America/Guayaquil': 'quito|guayaquil|ecuador',
  'America/La_Paz': 'la paz|bolivia',
  'America/Montevideo': 'montevideo|uruguay',
  'America/Panama': 'panama city|panama',
  'America/Costa_Rica': 'san jose, costa rica|costa rica',
  'America/Jamaica': 'kingston|jamaica',
  'America/Santo_Domingo': 'santo domingo|dominican republic',
  'America/Havana': 'havana|cuba',
  'America/Puerto_Rico': 'san juan|puerto rico',
  // Europe
  'Europe/London': 'london|manchester|edinburgh|glasgow|birmingham, england|leeds|bristol|belfast|cardiff|uk|u.k.|united kingdom|england|scotland|wales|great britain|britain',
  'Europe/Dublin': 'dublin|cork|ireland',
  'Europe/Lisbon': 'lisbon|lisboa|porto|portugal',
  'Europe/Madrid': 'madrid|barcelona|valencia|sevilla|seville|bilbao|málaga|malaga|spain|españa',
  'Europe/Paris': 'paris|lyon|marseille|toulouse|nice|bordeaux|lille|strasbourg|calais|france',
  'Europe/Brussels': 'brussels|bruxelles|antwerp|belgium',
  'Europe/Amsterdam': 'amsterdam|rotterdam|the hague|eindhoven|utrecht|netherlands|the netherlands|holland',
  'Europe/Luxembourg': 'luxembourg',
  'Europe/Berlin':
    'berlin|munich|münchen|hamburg|frankfurt|frankfurt am main|cologne|köln|düsseldorf|dusseldorf|stuttgart|' +
    'bonn|hanover|hannover|leipzig|dresden|nuremberg|nürnberg|bremen|essen|dortmund|kassel|germany|deutschland|west germany',
  'Europe/Zurich': 'zurich|zürich|geneva|genève|basel|bern|berne|lausanne|zug|switzerland',
  'Europe/Vienna': 'vienna|wien|austria|österreich',
  'Europe/Rome': 'rome|roma|milan|milano|turin|torino|naples|napoli|florence|firenze|bologna|venice|genoa|reggio calabria|italy|italia',
  'Europe/Copenhagen': 'copenhagen|denmark',
  'Europe/Stockholm': 'stockholm|gothenburg|sweden',
  'Europe/Oslo': 'oslo|norway',
  'Europe/Helsinki': 'helsinki|finland',
  'Europe/Warsaw': 'warsaw|krakow|kraków|poland',
  'Europe/Prague': 'prague|czech republic|czechia',
  'Europe/Budapest': 'budapest|hungary',
  'Europe/Bucharest': 'bucharest|romania',
  'Europe/Sofia': 'sofia|bulgaria',
  'Europe/Athens': 'athens|greece',
  'Europe/Istanbul': 'istanbul|ankara|turkey|türkiye',
  'Europe/Belgrade': 'belgrade|serbia|yugoslavia',
  'Europe/Zagreb': 'zagreb|croatia',
  'Europe/Kiev': 'kyiv|kiev|ukraine',
  'Europe/Moscow': 'moscow|st. petersburg|saint petersburg|st petersburg|minsk|belarus',
  'Europe/Riga': 'riga|latvia',
  'Europe/Vilnius': 'vilnius|lithuania',
  'Europe/Tallinn': 'tallinn|estonia',
  'Atlantic/Reykjavik': 'reykjavik|iceland',
  'Europe/Malta': 'valletta|malta',
  'Asia/Nicosia': 'nicosia|cyprus',
  // Middle East and Africa
  'Asia/Jerusalem': 'jerusalem|tel aviv|haifa|israel',
  'Asia/Beirut': 'beirut|lebanon',
  'Asia/Amman': 'amman|jordan',
  'Asia/Damascus': 'damascus|syria',
  'Asia/Baghdad': 'baghdad|iraq',
  'Asia/Tehran': 'tehran|iran',
  'Asia/Riyadh': 'riyadh|jeddah|saudi arabia|kuwait|kuwait city',
  'Asia/Bahrain': 'manama|bahrain',
  'Asia/Qatar': 'doha|qatar',
  'Asia/Dubai': 'dubai|abu dhabi|sharjah|united arab emirates|uae|u.a.e.|muscat|oman',
  'Africa/Cairo': 'cairo|alexandria, egypt|egypt',
  'Africa/Johannesburg': 'johannesburg|cape town|pretoria|durban|south africa',
  'Africa/Lagos': 'lagos|abuja|nigeria',
  'Africa/Nairobi': 'nairobi|kenya|addis ababa|ethiopia|dar es salaam|tanzania|kampala|uganda',
  'Africa/Casablanca': 'casablanca|rabat|morocco',
  'Africa/Algiers': 'algiers|algeria',
  'Africa/Tunis': 'tunis|tunisia',
  'Africa/Accra': 'accra|ghana',
  'Africa/Abidjan': 'abidjan|ivory coast',
  'Africa/Dakar': 'dakar|senegal',
  'Africa/Ndjamena': "n'djamena|chad",
  'Africa/Harare': 'harare|zimbabwe|lusaka|zambia',
  'Africa/Khartoum': 'khartoum|sudan',
  // Asia and Oceania
  'Asia/Karachi': 'karachi|islamabad|lahore|pakistan',
  'Asia/Kolkata':
    'new delhi|delhi|mumbai|bombay|bengaluru|bangalore|chennai|madras|kolkata|calcutta|hyderabad|pune|' +
    'ahmedabad|noida|gurugram|gurgaon|india',
  'Asia/Colombo': 'colombo|sri lanka',
  'Asia/Kathmandu': 'kathmandu|nepal',
  'Asia/Dhaka': 'dhaka|bangladesh',
  'Asia/Kabul': 'kabul|afghanistan',
  'Asia/Tashkent': 'tashkent|samarkand|uzbekistan',
  'Asia/Almaty': 'almaty|astana|kazakhstan',
  'Asia/Bangkok': 'bangkok|thailand',
  'Asia/Ho_Chi_Minh': 'hanoi|ho chi minh city|saigon|vietnam|viet nam',
  'Asia/Jakarta': 'jakarta|bandung|surabaya',
  'Asia/Kuala_Lumpur': 'kuala lumpur|putrajaya|penang|malaysia',
  'Asia/Singapore': 'singapore|新加坡',
  'Asia/Manila': 'manila|makati|quezon city|cebu|baguio|philippines',
  'Asia/Shanghai':
    'beijing|peking|shanghai|shenzhen|guangzhou|hangzhou|nanjing|tianjin|chongqing|chengdu|wuhan|' +
    "xi'an|xian|suzhou|qingdao|dalian|xiamen|harbin|changsha|zhengzhou|kunming|hefei|jinan|fuzhou|" +
    'china|prc|北京|上海|深圳|广州|杭州|南京|天津|重庆|成都|武汉|苏州',
  'Asia/Hong_Kong': 'hong kong|hong kong sar|香港',
  'Asia/Macau': 'macau|macao|澳门',
  'Asia/Taipei': 'taipei|hsinchu|taichung|kaohsiung|taiwan|台北|臺北',
  'Asia/Tokyo': 'tokyo|osaka|kyoto|yokohama|nagoya|kobe|fukuoka|sapporo|japan|東京|东京',
  'Asia/Seoul': 'seoul|busan|incheon|south korea|korea|서울|首尔',
  'Asia/Pyongyang': 'pyongyang|north korea',
  'Asia/Ulaanbaatar': 'ulaanbaatar|mongolia',
  'Australia/Sydney': 'sydney|canberra|new south wales|nsw|act',
  'Australia/Melbourne': 'melbourne|victoria, australia',
  'Australia/Brisbane': 'brisbane|gold coast|queensland|qld',
  'Australia/Adelaide': 'adelaide|south australia',
  'Australia/Perth': 'perth|western australia',
  'Pacific/Auckland': 'auckland|wellington|christchurch|taupo|new zealand',
};

const PLACE_ZONES = new Map<string, string>();
for (const [zone, names] of Object.entries(ZONE_PLACES)) {
  for (const name of names.split('|')) if (!PLACE_ZONES.has(name)) PLACE_ZONES.set(name, zone);
}

/** Places filed from together ("SAN FRANCISCO & LONDON", "JAKARTA/BANGKOK"): the first decides. */
const GROUP_SPLIT_RE = /\s*(?:[&/]|\band\b)\s*/;
/** Separators between a place's parts: "ATLANTA, GA, UNITED STATES", "New Delhi [India]". */
const PART_SPLIT_RE = /\s*[,[\]()]\s*/;

/**
 * The IANA zone a dateline place is in. The region or country after a city is trusted first,
 * as it settles same-named cities ("Columbia, Mo." is Central, "Birmingham, England" is not
 * Alabama); then the city. Undefined when no part fixes one zone.
 *
 * @example zoneOfPlace('BEIJING') // 'Asia/Shanghai'
 * @example zoneOfPlace('PORTLAND, Ore.') // 'America/Los_Angeles'
 */
export function zoneOfPlace(place: string): string | undefined {
  const whole = place.toLowerCase().replace(/\s+/g, ' ').trim();
  const direct = PLACE_ZONES.get(whole);
  if (direct) return direct;
  const first = whole.split(GROUP_SPLIT_RE)[0] ?? whole;
  const parts = first.split(PART_SPLIT_RE).filter((p) => p !== '');
  for (let i = parts.length - 1; i >= 1; i--) {
    const pair = PLACE_ZONES.get(`${parts[0]}, ${parts[i]}`); // "portland, maine", "victoria, australia"
    if (pair) return pair;
  }
  for (let i = parts.length - 1; i >= 0; i--) {
    const zone = PLACE_ZONES.get(parts[i] as string);
    if (zone) return zone;
  }
  return undefined;
}
