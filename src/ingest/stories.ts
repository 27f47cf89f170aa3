// The stories stage of ingest: a StoryIndex that the store consults inside each write
// transaction (Store.assignStories), so every article joins or founds a story as it is stored.
// The index lives in this process; the store keeps each story's original key, which is how a
// restart, or another process writing to the same file, catches the index up.
import type { ArticleRow, Store, StoredStory, StoryAssigner, StoryAssignment, StoryCandidate } from '../store/index.js';
import { type Fingerprint, StoryIndex } from '../stories/index.js';

export class StoryDesk implements StoryAssigner {
  private index = new StoryIndex({ keepMembers: false });
  private seenChange = 0;
  /** Fingerprints computed where the articles were parsed (a worker), used once. */
  private readonly prints = new WeakMap<StoryCandidate, Fingerprint>();

  get seen(): number {
    return this.seenChange;
  }

  /** Stories it knows. */
  get size(): number {
    return this.index.size;
  }

  catchUp(stories: StoredStory[], through: number): void {
    for (const story of stories) this.index.restore(story);
    // A warm-up's pages (Store.warmStories) may come after a write caught up further.
    this.seenChange = Math.max(this.seenChange, through);
  }

  assign(article: StoryCandidate): StoryAssignment {
    const print = this.prints.get(article);
    const match = this.index.add({ id: article.id, title: article.title, text: article.text, published: article.published }, print);
    return { storyId: match.storyId, originalId: match.originalId, founded: !match.joined, key: match.key };
  }

  forget(): void {
    this.index = new StoryIndex({ keepMembers: false });
    this.seenChange = 0;
  }

  /** Notes the fingerprints a parse worker computed for these rows (same order). */
  remember(rows: readonly ArticleRow[], prints: readonly Fingerprint[]): void {
    rows.forEach((row, i) => {
      const print = prints[i];
      if (print) this.prints.set(row, print);
    });
  }
}

const desks = new WeakMap<Store, StoryDesk>();

/**
 * The desk that puts this store's new articles in stories, set on the store the first time any
 * ingest path writes to it. Every path that stores articles calls this first.
 */
export function storiesOf(store: Store): StoryDesk {
  let desk = desks.get(store);
  if (!desk) {
    desk = new StoryDesk();
    desks.set(store, desk);
    store.assignStories(desk);
  }
  return desk;
}

/** Recomputes every story of the store from scratch, in the order articles were first stored. */
export async function restory(store: Store): Promise<{ articles: number; stories: number }> {
  const desk = new StoryDesk();
  const result = await store.rebuildStories(desk);
  // The store's desk (if any) has stale stories now; the rebuilt one takes its place.
  desks.set(store, desk);
  store.assignStories(desk);
  return result;
}
