/**
 * How the explorer gets back to a state: per state found, its parent's number and the index of the event
 * that reached it (core/expand.ts), in typed arrays that grow by doubling — 7 bytes a state, where a
 * JavaScript array of parents and one of event objects took 8 bytes plus an event object per state. A
 * worker of the parallel explorer that takes over a state from another adds the state's whole path to
 * its own trail (`addPath`), so every trail leads back to the initial state on its own.
 */
import { grown } from "./grown.ts";

export class Trail {
  private parents = new Int32Array(1 << 12);
  private indices = new Uint16Array(1 << 12);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** A state reached from `parent` (-1: an initial state) by event `index`; returns its number. */
  add(parent: number, index: number): number {
    if (this.count === this.parents.length) {
      this.parents = grown(this.parents);
      this.indices = grown(this.indices);
    }
    this.parents[this.count] = parent;
    this.indices[this.count] = index;
    return this.count++;
  }

  /** A state reached from initial state `root` by the event indices `path`: an entry per step; returns the last one's number. */
  addPath(root: number, path: ArrayLike<number>): number {
    let at = root;
    for (let x = 0; x < path.length; x++) at = this.add(at, path[x]!);
    return at;
  }

  /** The event indices from an initial state to state `id` (all parents in this trail). */
  indicesTo(id: number): number[] {
    const path: number[] = [];
    for (let at = id; this.parents[at]! >= 0; at = this.parents[at]!) path.push(this.indices[at]!);
    return path.reverse();
  }
}
