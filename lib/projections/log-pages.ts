import type { RecordedEvent } from "@/lib/event-store";

export type ReadPage = (after: number, limit: number) => Promise<RecordedEvent[]>;

/**
 * The global log's pages, shared by one runner's projections. Catching up or
 * rebuilding, they read the same pages one after another, so each page is
 * read and decoded once instead of once per projection; readers asking for a
 * page at the same moment (woken by the same notification) share one read.
 * Only full pages are kept: below the read horizon the log grows only at its
 * end, so the `limit` events after a position never change once there are
 * that many, while a short page (the tail) may still grow. At most
 * `keepEvents` events are kept, the least recently read page going first.
 */
export class LogPages {
  private readonly pages = new Map<string, Promise<RecordedEvent[]>>();
  private readonly sizes = new Map<string, number>();
  private kept = 0;
  /** Pages read from the log, and pages served from another reader's read. */
  readonly stats = { read: 0, shared: 0 };

  constructor(
    private readonly readPage: ReadPage,
    private readonly keepEvents: number,
  ) {}

  read(after: number, limit: number): Promise<RecordedEvent[]> {
    const key = `${after}:${limit}`;
    const found = this.pages.get(key);
    if (found) {
      this.stats.shared++;
      this.pages.delete(key);
      this.pages.set(key, found); // most recently read last
      return found;
    }
    this.stats.read++;
    const read = this.readPage(after, limit).then(
      (events) => {
        if (events.length < limit) this.forget(key);
        else if (this.pages.get(key) === read) this.keep(key, events.length);
        return events;
      },
      (error: unknown) => {
        this.forget(key);
        throw error;
      },
    );
    this.pages.set(key, read);
    return read;
  }

  private keep(key: string, size: number) {
    this.sizes.set(key, size);
    this.kept += size;
    for (const oldest of this.pages.keys()) {
      if (this.kept <= this.keepEvents) break;
      if (this.sizes.has(oldest)) this.forget(oldest);
    }
  }

  private forget(key: string) {
    this.pages.delete(key);
    this.kept -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }
}
