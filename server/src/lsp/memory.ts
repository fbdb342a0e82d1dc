import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * Keeps the server's memory close to what it holds. Every re-analysis of a 100k-line charter
 * leaves tens of MB of garbage (the previous text, line index and findings), and V8 lets it pile
 * up to several times the live size before a full collection. After an analysis, once the heap
 * has doubled since the last collection, we collect at once (about 90 ms for a 100k-line file):
 * the diagnostics are already out, and a keystroke typed meanwhile waits that long at most.
 * Workspaces under 64 MB of heap never pay for it.
 */
const MIN_HEAP_BYTES = 64 * 1024 * 1024;

let collect: (() => void) | undefined;
let liveAfterLastCollection = 0;

function collector(): (() => void) | undefined {
  if (collect) return collect;
  try {
    // `gc` is only exposed with --expose-gc; the flag can be set at run time, before a context
    // is created, so editors need not pass it.
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  } catch {
    collect = () => undefined;
  }
  return collect;
}

/** Collects garbage if the heap has doubled since the previous collection. */
export function collectIfGrown(): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used < MIN_HEAP_BYTES || used < 2 * liveAfterLastCollection) return;
  collector()?.();
  liveAfterLastCollection = v8.getHeapStatistics().used_heap_size;
}
