import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { StoryIndex } from './index.js';
import { fmix32, minhashInto, permutationCoefficients } from './minhash.js';

fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED ?? 20261127) });

test('an article always joins the story of its own duplicate', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), fc.array(fc.string({ maxLength: 200 }), { maxLength: 5 }), (text, others) => {
      const index = new StoryIndex();
      others.forEach((other, i) => index.add({ id: `o${i}`, title: null, text: other, published: null }));
      const first = index.add({ id: 'a', title: null, text, published: null });
      const again = index.add({ id: 'b', title: 'another headline', text, published: null });
      if (text.trim() === '' || !/[\p{L}\p{N}]/u.test(text)) return; // empty bodies never join
      assert.equal(again.joined, true);
      assert.equal(again.storyId, first.storyId);
    }),
  );
});

test('signatures are the textbook MinHash, by the SIMD kernel or the JavaScript loop, whatever the permutation count (stored keys depend on it)', () => {
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 60 }), fc.constantFrom(1, 3, 4, 16, 19, 32, 128), fc.integer({ min: 1, max: 4 }), (tokens, permutations, size) => {
      const { a, b } = permutationCoefficients(permutations, 7);
      const signature = new Uint32Array(permutations);
      const shingles = minhashInto(signature, Uint32Array.from(tokens), tokens.length, size, a, b);
      for (let p = 0; p < permutations; p++) {
        let min = 0xffffffff;
        for (let start = 0; start < shingles; start++) {
          let x = 0x811c9dc5;
          for (let t = start; t < Math.min(tokens.length, start + size); t++) x = Math.imul(x ^ tokens[t]!, 0x01000193);
          min = Math.min(min, (Math.imul(a[p]!, fmix32(x)) + b[p]!) >>> 0);
        }
        assert.equal(signature[p], min, `permutation ${p} of ${permutations}`);
      }
    }),
  );
});
