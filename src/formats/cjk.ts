// Tells apart CJK encodings that byte statistics alone cannot: a short GBK sentence is also valid
// Big5, Shift_JIS and EUC-KR, and chardet gives them all the same confidence. Decoded with the
// right table, text is made of each language's common characters; with a wrong one, of rare ones.

/** The most frequent Simplified Chinese characters (after Jun Da's corpus counts). */
const COMMON_SIMPLIFIED =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过' +
  '发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本' +
  '前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很' +
  '最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度' +
  '门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电' +
  '数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马' +
  '科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万' +
  '取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议' +
  '往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石' +
  '级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻' +
  '易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势' +
  '参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续' +
  '京港湾岛洲省县镇州银股票税贸易企业签署会议宣布报道新闻记者发布北京上海广州深圳';

/** The same idea for Traditional Chinese (Big5 text): shared characters plus traditional forms. */
const COMMON_TRADITIONAL =
  '的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過' +
  '發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本' +
  '前開但因只從想實日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很' +
  '最重並物手應戰向頭文體政美相見被利什二等產或新己製身果加西斯月話合回特代內信表化老給世位次度' +
  '門任常先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電' +
  '數安少報才結反受目太量再感建務做接必場件計管期市直德資命山金指克許統區保至隊形社便空決治展馬' +
  '臺灣港島洲省縣鎮銀股票稅貿易企簽署議宣布報導新聞記者發佈台北香港';

/** Frequent Hangul syllables; Korean text is mostly Hangul, wrong decodings rarely are. */
const COMMON_HANGUL =
  '이다의는에하고을가한기로지서사대자나리수를도아어시인정부그일해으있게전상제보여면주원라장국문' +
  '구중경내동성비발것들화말우만세회위계없연명마되관소선산야조진요공무개저터금미신분방용통했습니' +
  '까요했다하는있는그리고에서으로한다합니다';

const SIMPLIFIED = new Set(COMMON_SIMPLIFIED);
const TRADITIONAL = new Set(COMMON_TRADITIONAL);
const HANGUL = new Set(COMMON_HANGUL);

export type CjkLanguage = 'zh-Hans' | 'zh-Hant' | 'ja' | 'ko';

/**
 * The share (0..1) of the text's non-ASCII letters that are common in `language`. Punctuation
 * of the CJK blocks counts as common for every language; kana count for Japanese, where they
 * are the surest sign, since GBK or Big5 bytes read as Shift_JIS come out as half-width kana
 * and rare kanji instead.
 */
export function cjkPlausibility(text: string, language: CjkLanguage): number {
  let considered = 0;
  let common = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80 || /\s/.test(ch)) continue;
    considered++;
    if ((code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff5e)) {
      common++;
    } else if (language === 'ja') {
      // Full-width kana only: half-width kana (U+FF61..FF9F) are what mis-decoding produces.
      if (code >= 0x3040 && code <= 0x30ff) common++;
      else if (SIMPLIFIED.has(ch) || TRADITIONAL.has(ch)) common += 0.5;
    } else if (language === 'ko') {
      if (HANGUL.has(ch)) common++;
    } else if ((language === 'zh-Hans' ? SIMPLIFIED : TRADITIONAL).has(ch)) {
      common++;
    }
  }
  return considered === 0 ? 0 : common / considered;
}
