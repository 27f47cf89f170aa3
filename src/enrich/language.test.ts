import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from './language.js';

test('detects the languages releases arrive in', () => {
  assert.equal(detectLanguage('The company reported record quarterly revenue and raised its outlook for the year.'), 'en');
  assert.equal(detectLanguage('La empresa anunció hoy un aumento de sus ventas en el tercer trimestre del año.'), 'es');
  assert.equal(detectLanguage("Das Unternehmen hat heute seine Ergebnisse für das dritte Quartal veröffentlicht."), 'de');
  assert.equal(detectLanguage("L'entreprise a annoncé aujourd'hui une hausse de ses ventes au troisième trimestre."), 'fr');
  assert.equal(detectLanguage('人民日报报道，上海合作组织成员国将进一步加强团结协作。'), 'zh');
});

test('says nothing for text too short to tell', () => {
  assert.equal(detectLanguage(''), null);
  assert.equal(detectLanguage('OK 42'), null);
});

test('our scorer of the eld model agrees with eld itself', async () => {
  const { eld } = await import('eld/medium');
  const texts = [
    "Acme Microsystems Inc. today opened its second semiconductor plant in central Ohio, adding 600 jobs.",
    "Vinícola del Sur anunció hoy el lanzamiento de su cosecha, elaborada con uvas de viñedos de altura.",
    "L'entreprise a annoncé qu'elle n'ouvrirait pas d'usine aujourd'hui ; les syndicats s'y opposent.",
    "Die Nordlicht Halbleiter GmbH errichtet für 640 Millionen Euro eine Fertigung in der Lausitz.",
    "A Vitália Farmacêutica anunciou hoje a aprovação da sua vacina contra a gripe para maiores de 65 anos.",
    "星河半导体今日宣布，其位于北京经济技术开发区的第二条车规级芯片封装测试线正式投产。",
    "Компания сообщила о росте выручки на 12% в третьем квартале — don’t panic, said the analysts.",
    "東京証券取引所は本日、新しい取引システムの稼働を開始したと発表しました。",
    "서울 — 한국의 반도체 수출이 9월에 사상 최고치를 기록했다고 산업통상자원부가 밝혔다.",
    "Traders said lot 12 of wheat changed hands at 140 dlrs, up 3 pct from the previous session. 'It's firm,' one said.",
  ];
  const { scoreLanguage } = await import('./ngram-model.js');
  for (const text of texts) assert.equal(scoreLanguage(text), eld.detect(text).language || null, text);
});

test('plain ASCII text is scored as the general path scores it', async () => {
  const { scoreLanguage } = await import('./ngram-model.js');
  const fc = (await import('fast-check')).default;
  // A leading no-break space (not a letter) sends the text down the general path without
  // changing what is scored: it joins the leading run of non-letters, which cleaning turns into
  // a space (then dropped by trimming) and the run's closing apostrophes.
  const piece = fc.constantFrom('the', 'Market', "don't", "l'eau", 'der', 'Stadt', 'el', 'pct', "''", '`', ' ', '  ', ', ', '--', '.', '12', '\n', 'rock\'n\'roll', 'Acme', 'OF');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
      const text = pieces.join('').slice(0, 990);
      assert.equal(scoreLanguage(text), scoreLanguage(`\u00a0${text}`), JSON.stringify(text));
    }),
    { seed: 20261128, numRuns: 2000 },
  );
});
