// Writing systems that decide how text is searched and scored.

/** Han, Hiragana, Katakana and Hangul: text written without spaces between words. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
