// Writing systems that decide how text is searched and scored.

/** Any character outside ASCII: text without one needs no Unicode normalising or cleaning. */
export const NON_ASCII = /[^\x00-\x7f]/;

/** Han, Hiragana, Katakana and Hangul: text written without spaces between words. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
