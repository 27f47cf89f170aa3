import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { StoryIndex } from './index.js';

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
