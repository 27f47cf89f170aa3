// The extractor's tunable numbers and patterns, in one place so tuning happens in the open.
// Each was set by measuring on trafilatura's evaluation pages (npm run eval:extraction).

/** Elements that start and end a block of text; everything else flows inline. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  '#root', 'html', 'body', 'main', 'article', 'section', 'div', 'header', 'footer', 'nav', 'aside',
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hgroup', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'menu',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'blockquote', 'pre', 'figure',
  'figcaption', 'form', 'fieldset', 'legend', 'address', 'details', 'summary', 'center', 'hr',
  'picture', 'output', 'search',
]);

/** Block kinds the output keeps apart (headings stay headings, list items list items). */
export const HEADING_TAGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Page furniture by its tag alone. `header` is not here: an article's header holds its title. */
export const BOILERPLATE_TAGS: ReadonlySet<string> = new Set(['nav', 'aside', 'footer', 'form', 'menu', 'search']);

/** ARIA roles of page furniture, and of the main content. */
export const BOILERPLATE_ROLES: ReadonlySet<string> = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog',
  'alertdialog', 'tablist', 'toolbar', 'tooltip',
]);
export const CONTENT_ROLES: ReadonlySet<string> = new Set(['main', 'article']);

/**
 * Class and id words (split at `-`, `_`, spaces and camelCase) that mark furniture whatever else
 * the element says: `post-comments`, `entry-share`, `article-related` are still furniture.
 */
export const STRONG_BOILERPLATE_WORDS: ReadonlySet<string> = new Set([
  'comment', 'comments', 'commentlist', 'respond', 'disqus', 'share', 'shares', 'sharing', 'sharebar',
  'sharedaddy', 'shariff', 'addthis', 'sharethis', 'social', 'socials', 'related', 'relatedposts',
  'recommended', 'recommendations', 'newsletter', 'subscribe', 'subscription', 'signup', 'cookie',
  'breadcrumb', 'breadcrumbs', 'navbar',
  'navigation', 'nav', 'sidebar', 'footer', 'pagination', 'pager', 'outbrain', 'taboola',
  'trending', 'mostread', 'popular', 'tagcloud', 'toolbar',
  // The same in the languages whose sites name classes in their own words.
  'kommentar', 'kommentare', 'comentario', 'comentarios', 'commentaire', 'commentaires', 'teilen',
  'compartir', 'partager', 'relacionados', 'relacionadas', 'empfehlungen', 'verwandte',
]);

/**
 * Words of what sits over the page rather than in it: consent banners, pop-ups, warnings about
 * old browsers. Furniture even when they hold most of the page's text (they often do).
 */
export const OVERLAY_WORDS: ReadonlySet<string> = new Set([
  'cookie', 'cookies', 'consent', 'gdpr', 'popup', 'modal', 'browser', 'overlay',
]);

/** Last words of class names that state a capability or state: `modal-enabled`, `share-active`. */
export const UNTELLING_LAST_WORDS: ReadonlySet<string> = new Set([
  'enabled', 'disabled', 'active', 'inactive', 'open', 'opened', 'closed', 'visible', 'loaded', 'ready', 'init', 'trigger',
]);

/**
 * Advertising words: furniture, unless the element holds real paragraphs (`Section--Ads` is a
 * section of an article that has ad slots in it, not an ad).
 */
export const AD_WORDS: ReadonlySet<string> = new Set([
  'ad', 'ads', 'advert', 'advertisement', 'adsense', 'adslot', 'sponsored', 'promo', 'promotion',
  'werbung', 'anzeige', 'publicidad', 'publicite', 'pub',
]);
/** Body text (characters in good blocks) that clears an element of an advertising word. */
export const AD_TEXT_CHARS = 300;

/** Furniture words that a content word on the same element overrides (`entry-meta` vs `menu`). */
export const WEAK_BOILERPLATE_WORDS: ReadonlySet<string> = new Set([
  'menu', 'masthead', 'meta', 'tags', 'tag', 'categories', 'author', 'bio', 'byline',
  'skip', 'login', 'search', 'banner', 'teaser', 'teasers', 'follow', 'rating', 'caption',
  'credit', 'credits', 'copyright', 'legal', 'disclaimer', 'partner', 'partners', 'more', 'links',
  'widget', 'widgets',
]);

/** Body text (characters in good blocks) that clears an element of a weak furniture word. */
export const WEAK_TEXT_CHARS = 700;

/** Class and id words of main content. */
export const CONTENT_WORDS: ReadonlySet<string> = new Set([
  'article', 'articlebody', 'content', 'entry', 'post', 'story', 'storybody', 'text', 'body',
  'main', 'blog', 'hentry', 'prose', 'richtext', 'rte', 'page', 'single',
]);

/** Elements and classes that are hidden from readers: never content. */
export const HIDDEN_CLASSES: ReadonlySet<string> = new Set([
  'hidden', 'hide', 'sr-only', 'visually-hidden', 'visuallyhidden', 'screen-reader-text', 'invisible', 'd-none',
]);

/**
 * First words of class names that say nothing about what the element is: a post's taxonomy
 * (WordPress writes `category-no-newsletter` and `tag-social-media` on the article itself) and
 * states (`has-ads`, `is-sticky`, `js-share-init`), and page builders' generic boxes.
 */
export const UNTELLING_FIRST_WORDS: ReadonlySet<string> = new Set([
  'category', 'tag', 'tags', 'format', 'type', 'status', 'topic', 'label', 'has', 'is', 'no', 'with', 'js',
  // Page builders name every box a widget or module, content and furniture alike.
  'elementor', 'et', 'vc', 'wpb', 'fl', 'avia', 'fusion',
]);
export const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** A furniture-marked element holding more than this share of the page's good text is content. */
export const MAJORITY_SHARE = 0.5;

/** A block is good body text from this many characters, or from GOOD_SHORT_CHARS with punctuation. */
export const GOOD_CHARS = 100;
export const GOOD_SHORT_CHARS = 30;
/** Above this share of link text a block reads as a list of links. */
export const MAX_LINK_DENSITY = 0.5;
/** The link share above which the chosen element's short blocks, and long ones, are dropped. */
export const KEPT_LINK_DENSITY_SHORT = 0.3;
export const KEPT_LINK_DENSITY_LONG = 0.8;
export const LONG_BLOCK_CHARS = 150;
/** How much a character of furniture or link text costs a candidate, against one of body text. */
export const BAD_WEIGHT = 1;
/** And a short, unpunctuated line (menu items, labels, dates). */
export const SHORT_WEIGHT = 0.3;

/** A sibling of the best candidate joins it with at least this share of its weight. */
export const SIBLING_SHARE = 0.4;

/**
 * A link's `rel` naming the post's own page (HTML's `bookmark`: "the permalink for the nearest
 * ancestor article"); blogs link each post's title so.
 */
export const PERMALINK_REL = /(?:^|\s)bookmark(?:\s|$)/i;

/** How many blocks above the chosen element are read for a lead paragraph. */
export const LEAD_SCAN_BLOCKS = 10;
/** Furniture or links shorter than this (a share bar) do not end the search for a lead. */
export const LEAD_STEP_OVER_CHARS = 80;

/**
 * What a site appends to every article, in the languages of the pages we see most; trailing
 * blocks that match (and are shorter than SIGN_OFF_MAX_CHARS) are not the article.
 */
export const SIGN_OFF: readonly RegExp[] = [
  /^(?:©|\(c\)|copyright\b)/i,
  /\b(?:all rights reserved|alle rechte vorbehalten|todos los derechos reservados|tous droits réservés|wszelkie prawa zastrzeżone)\b/i,
  /\b(?:subscribe|sign up|newsletter|follow us|síguenos|suscríbe|abonnieren|folgen sie|abonnez|suivez-nous)\b/i,
  /^(?:suggested citation|zitiervorschlag|cite this)\b/i,
  /\b(?:der beitrag wurde am|this entry was posted|this article was (?:originally )?published)\b/i,
];
export const SIGN_OFF_MAX_CHARS = 400;

/** Siblings are also looked for beside ancestors weighing at most this share less than the best. */
export const CLIMB_TOLERANCE = 0;
/** ...or that add at most this many characters of furniture and links. */
export const CLIMB_BAD_CHARS = 400;

/** A photo credit line: not the article's text (a "Source:" line is, for press releases). */
export const PHOTO_CREDIT = /^(?:fotos?|photos?|bild(?:er)?|credits?|crédits? photos?|image|imagen|beitragsbild)\s*(?::|$)/i;
export const CREDIT_MAX_CHARS = 100;
/** A label ends with a colon and is at most this long. */
export const LABEL_MAX_CHARS = 60;

/** How a sentence ends: a full stop, question or exclamation mark, maybe inside quotes. */
export const SENTENCE_END = /[.!?\u2026\u3002\uff01\uff1f]["'\u201d\u2019\u00bb)]?$/;

/** Sentence punctuation, Latin and CJK. */
export const PUNCTUATION = /[.,;:!?\u3002\uff0c\u3001\uff01\uff1f\uff1b\uff1a]/g;

// ---- the headline (title.ts) ----------------------------------------------------------------

/**
 * What separates a headline from the site's name in `<title>`: "Story | Site", "Story - Site",
 * "Site » Story", and in Chinese and Japanese titles the full-width bar ("报道｜网站"). A bare
 * hyphen needs spaces round it, or "Covid-19" would split.
 */
export const TITLE_SEPARATORS = /\s+(?:[|\-–—·•»«~/]|::)\s+|\s*[|｜·•]\s*/;
/** Parts of a title that are neither headline nor site: WordPress's "Blog Archive". */
export const TITLE_FILLER = /^\s*(?:blog\s+archive?|archiv(?:e|es)?|startseite|home|news|nachrichten|aktuelles)\s*$/i;
/** "Site: Story" is cut only when the part before the colon is the known site name. */
export const TITLE_PREFIX_SEPARATOR = /^(.{2,40}?)\s*:\s+/;
/** Texts that are addresses, not titles (a logo heading holding the site's URL). */
export const NOT_A_TITLE = /^(?:https?:\/\/|www\.)\S*$/i;
/** The heading over a comment thread: "4 thoughts on “Story”", "12 Kommentare zu „Story“". */
export const COMMENTS_HEADING = /^\s*(?:\d+|one|two|three|ein|eine|zwei|drei)\s+(?:thoughts?|comments?|responses?|replies|reply|kommentare?|gedanken|antworten|commentaires?|comentarios?)\b/i;
/** Marks left at a heading's start when its kicker is dropped ("Kicker: Story" -> ": Story"). */
export const LEADING_MARKS = /^[\s:|•·–—-]+/;
/** Longer than this, a heading is not the headline (a teaser's text, a whole section). */
export const MAX_TITLE_LENGTH = 300;
/** Share of the shorter title's words the other must have for a heading to be confirmed. */
export const MIN_TITLE_OVERLAP = 0.6;
/** How many h1 and h2 elements are weighed; the headline is among the first in nearly every page. */
export const HEADINGS_WEIGHED = 5;
/** A date on its own, as pages glue it to a heading: "23.01.2022 -", "1. Februar 2022", "Jun 17". */
export const EXTRA_DATE = /^[\s\d.:/,|•·–—-]*\d[\s\d.:/,|•·–—-]*$|^\s*\d{1,2}\.?\s*\p{L}+\.?\s+\d{4}[\s,|•·–—-]*$|^\s*\p{L}{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?[\s,|•·–—-]*$/u;
/** A title that is a bare domain ("energieverbraucher.de") names the site, not the story. */
export const DOMAIN_NAME = /^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$/i;
/** Host labels that name a hosting service, not the site. */
export const HOSTING_LABELS: ReadonlySet<string> = new Set([
  'www', 'blogspot', 'wordpress', 'tumblr', 'medium', 'substack', 'github', 'wixsite', 'weebly', 'jimdo', 'hypotheses',
  'blog', 'news', 'com', 'org', 'net', 'co',
]);

/**
 * What joins a headline to the site's name round it in `<title>` once a meta title shows where the
 * headline ends: "Story | Site", "Story – Site", "Site: Story", "Site » Story". The colon counts
 * here, where it is not a separator in general ("Kicker: Story" is one headline). Dashes and
 * slashes need spaces round them, or "AC/DC" and "Covid-19" would split.
 */
export const SITE_JOINER = /(?:\s*(?:::|[|｜·•:])\s*|\s+[-–—»«~/]\s+)/;

/**
 * Site names are short. At most this many words, a title holding the host's name is the site's
 * name ("Four Years Remaining" on fouryears.eu); above it, a site name that is also the whole
 * `<title>` is the headline copied into an app-name meta (`application-name`).
 */
export const SITE_NAME_MAX_WORDS = 4;

/**
 * Titles are given in Unicode's canonical form NFC, so a letter that can be written two ways
 * ("é" as one code point or as "e" and an accent; Bengali "ড়" likewise) comes out one way.
 */
export const UNICODE_FORM = 'NFC';

/**
 * The class of the part of a heading that is the headline itself, beside a kicker or a label in
 * the same heading: `headline`, `article-headline`, `entry-headline-text`; not `subheadline`.
 */
export const HEADLINE_PART = /(?:^|[\s_-])headline(?:$|[\s_-])/i;
