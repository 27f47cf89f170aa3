import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText } from './html-text.js';

test('blocks become paragraphs, entities are decoded, inline markup disappears', () => {
  const html = '<h1>Acme &amp; Co. wins</h1><p>First <b>bold</b> paragraph\n  wrapped.</p><div>Second&nbsp;one</div>' +
    '<ul><li>one</li><li>two</li></ul><blockquote>Quoted</blockquote>';
  assert.equal(htmlToText(html), 'Acme & Co. wins\n\nFirst bold paragraph wrapped.\n\nSecond one\n\none\n\ntwo\n\nQuoted');
});

test('one <br> is a line break, two make a paragraph', () => {
  assert.equal(htmlToText('<p>Media contact:<br>Jo Bloggs<br/>+1 555 0100</p>'), 'Media contact:\nJo Bloggs\n+1 555 0100');
  assert.equal(htmlToText('First part<br><br>Second part'), 'First part\n\nSecond part');
});

test('scripts, styles, navigation and footers are dropped with their content', () => {
  const html = '<nav><a href="/">Home</a></nav><script>var x = "<p>no</p>";</script><style>p{}</style>' +
    '<p>Body text.</p><footer>© footer</footer>';
  assert.equal(htmlToText(html), 'Body text.');
});

test('table rows are lines, cells are separated', () => {
  assert.equal(htmlToText('<table><tr><td>Q1</td><td>10</td></tr><tr><td>Q2</td><td>12</td></tr></table>'), 'Q1\t10\n\nQ2\t12');
});
