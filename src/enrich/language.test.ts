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
