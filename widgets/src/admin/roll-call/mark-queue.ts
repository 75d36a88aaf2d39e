import type { adminRollCall } from '@foyer/sdk';
import { FoyerError } from '@foyer/sdk';

/** A mark waiting on the device: its own id (sent with it, so the API applies it once) and what it says. */
export interface QueuedMark extends adminRollCall.RollCallMark {
  markId: string;
}

/** A mark the API refused because another agent marked the child since. */
export interface MarkConflict {
  mark: QueuedMark;
  current: { attendance: string | null; version: number; recordedAt: string | null; recordedBy: string | null };
}

type Send = (mark: QueuedMark) => Promise<adminRollCall.RollCallMarkResult>;

/**
 * The marks made on a tablet, kept in its `localStorage` until the API has them: a mark made
 * while the connection is down survives a reload and is sent when it returns, in the order it
 * was made, each under its own id (the API applies an id once, so a mark sent twice — the
 * answer was lost — is no second mark).
 */
export class MarkQueue {
  readonly #key: string;
  #sending: Promise<void> | null = null;

  constructor(scope: string) {
    this.#key = `foyer-roll-call-queue:${scope}`;
  }

  /** The marks not sent yet, oldest first. */
  get pending(): QueuedMark[] {
    try {
      const stored = JSON.parse(localStorage.getItem(this.#key) ?? '[]') as unknown;
      return Array.isArray(stored) ? (stored as QueuedMark[]) : [];
    } catch {
      return [];
    }
  }

  #save(marks: QueuedMark[]): void {
    if (marks.length === 0) localStorage.removeItem(this.#key);
    else localStorage.setItem(this.#key, JSON.stringify(marks));
  }

  add(mark: QueuedMark): void {
    this.#save([...this.pending, mark]);
  }

  /**
   * Sends the waiting marks one after the other; stops at the first that cannot reach the API
   * (kept for the next try). A conflict or a refusal takes the mark out of the queue and is
   * reported; a mark after another on the same child is sent on the version the first left.
   */
  flush(
    send: Send,
    on: {
      sent: (r: adminRollCall.RollCallMarkResult) => void;
      conflict: (c: MarkConflict) => void;
      refused: (e: unknown) => void;
    },
  ): Promise<void> {
    this.#sending ??= this.#flush(send, on).finally(() => {
      this.#sending = null;
    });
    return this.#sending;
  }

  async #flush(send: Send, on: Parameters<MarkQueue['flush']>[1]): Promise<void> {
    const versions = new Map<string, number>();
    for (;;) {
      const [next] = this.pending;
      if (!next) return;
      const cell = `${next.childId}|${next.activityId}|${next.date}`;
      const mark = { ...next, seenVersion: versions.get(cell) ?? next.seenVersion };
      try {
        const result = await send(mark);
        versions.set(cell, result.version);
        on.sent(result);
      } catch (error) {
        if (error instanceof FoyerError && (error.status === 0 || error.status >= 500 || error.status === 429)) return;
        if (error instanceof FoyerError && error.code === 'attendance_conflict') {
          const current = error.problem?.current as MarkConflict['current'];
          versions.set(cell, current.version);
          on.conflict({ mark, current });
        } else {
          on.refused(error);
        }
      }
      this.#save(this.pending.filter((m) => m.markId !== next.markId));
    }
  }
}
