import type { RecordedEvent } from "@/lib/event-store";

export type ReadPage = (after: number, limit: number) => Promise<RecordedEvent[]>;

interface Page {
  read: Promise<RecordedEvent[]>;
  /** Set once read: the page's place in a run of consecutive pages (the next one starts after `last`). */
  run?: number;
  seq?: number;
  last?: number;
}

/** Where a reader is: the last page it took, in which run. */
interface Cursor {
  run: number;
  seq: number;
  at: number;
}

/** A reader that has not taken a page for this long no longer holds pages for itself. */
const STALE_MS = 5_000;
/** The longest a reader ahead waits for the others to take the kept pages before it drops the oldest. */
const MAX_WAIT_MS = 2_000;

/**
 * The global log's pages, shared by one runner's projections. Catching up or
 * rebuilding, they read the same pages one after another, so each page is
 * read and decoded once instead of once per projection; readers asking for a
 * page at the same moment share one read. Only full pages are kept: below the
 * read horizon the log grows only at its end, so the `limit` events after a
 * position never change once there are that many, while a short page (the
 * tail) may still grow.
 *
 * At most `keep` pages are kept. A page is dropped once every reader in its
 * run has taken it; a reader that would need a new page while all kept pages
 * still wait for readers behind it waits for them (at most MAX_WAIT_MS at a
 * time), so projections that build together stay within `keep` pages of each
 * other and read each page once. A reader far behind or far ahead (a rebuild
 * while the others follow the tail) is not held up.
 */
export class LogPages {
  private readonly pages = new Map<string, Page>();
  /** Where recent pages ended (last position → run and seq), to link the page after them. */
  private readonly ends = new Map<number, { run: number; seq: number }>();
  private readonly cursors = new Map<string, Cursor>();
  private waiters: (() => void)[] = [];
  private runs = 0;
  /** Pages read from the log, pages taken from another reader's read, and waits for readers behind. */
  readonly stats = { read: 0, shared: 0, waits: 0 };

  constructor(
    private readonly readPage: ReadPage,
    private readonly keep: number,
  ) {}

  async read(reader: string, after: number, limit: number): Promise<RecordedEvent[]> {
    const key = `${after}:${limit}`;
    let page = this.pages.get(key);
    if (page) this.stats.shared++;
    else {
      await this.makeRoom(reader);
      page = this.pages.get(key) ?? this.fetch(key, after, limit);
    }
    const events = await page.read;
    if (page.run === undefined)
      this.cursors.delete(reader); // the tail: nothing kept for it
    else this.cursors.set(reader, { run: page.run, seq: page.seq!, at: Date.now() });
    this.changed();
    return events;
  }

  private fetch(key: string, after: number, limit: number): Page {
    this.stats.read++;
    const page: Page = {
      read: this.readPage(after, limit).then(
        (events) => {
          if (events.length < limit || limit === 1) this.pages.delete(key);
          else {
            const before = this.ends.get(after);
            page.run = before?.run ?? ++this.runs;
            page.seq = (before?.seq ?? 0) + 1;
            page.last = events.at(-1)!.position;
            this.ends.set(page.last, { run: page.run, seq: page.seq });
            // Only recent ends matter; the map is insertion-ordered, the oldest go first.
            for (const end of this.ends.keys()) {
              if (this.ends.size <= 1000) break;
              this.ends.delete(end);
            }
          }
          return events;
        },
        (error: unknown) => {
          this.pages.delete(key);
          throw error;
        },
      ),
    };
    this.pages.set(key, page);
    return page;
  }

  /** Drops what no reader needs; while the kept pages are all still needed, waits for the readers behind. */
  private async makeRoom(reader: string) {
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      const kept = [...this.pages.entries()].filter(([, p]) => p.run !== undefined);
      const pages = kept.map(([, p]) => p);
      for (const [key, p] of kept) if (!this.neededByOthers(p, reader, pages)) this.drop(key);
      const left = kept.filter(([key]) => this.pages.has(key));
      if (left.length < this.keep) return;
      if (Date.now() >= deadline) return this.drop(left[0]![0]);
      this.stats.waits++;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /**
   * Another reader in the page's run will take it: it has not yet, it is
   * still reading, and its next page is kept (a reader further behind reads
   * its own pages and holds nobody up).
   */
  private neededByOthers(page: Page, reader: string, kept: readonly Page[]) {
    const now = Date.now();
    const first = Math.min(...kept.filter((p) => p.run === page.run).map((p) => p.seq!));
    for (const [name, c] of this.cursors) {
      if (name === reader || c.run !== page.run || now - c.at >= STALE_MS) continue;
      if (c.seq < page.seq! && c.seq + 1 >= first) return true;
    }
    return false;
  }

  private drop(key: string) {
    this.pages.delete(key);
  }

  private changed() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
