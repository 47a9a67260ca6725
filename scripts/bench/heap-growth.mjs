/**
 * Does memory stay flat run after run? One session of app-30.ts moves the slider `first` times,
 * then on to `last` in all; after each stretch every isolate of the server (main thread and
 * script workers) is garbage-collected through the inspector and its used heap read, with the
 * process's RSS beside it. A leak of even a few bytes per rerun shows as a difference. The session
 * moves to a fresh connection every 800 reruns (long-session.mjs: the server's per-connection
 * flood gate), so the figures also cover a page reconnecting.
 */
import { connectInspector, INSPECT_ARGS, inspectorUrl } from './inspector.mjs';
import { startServer, withServerOutput } from './load.mjs';
import { longSession } from './long-session.mjs';
import { rssBytes } from './proc.mjs';

/** Heap and RSS after `first` and after `last` reruns of one session. */
export async function heapGrowth({ first = 1000, last = 10_000 } = {}) {
  const server = await startServer({ nodeArgs: INSPECT_ARGS });
  let session;
  let inspector;
  try {
    inspector = await connectInspector(inspectorUrl(server.output().stderr));
    session = await longSession(server.url);
    let done = 0;
    const points = [];
    for (const target of [first, last]) {
      for (; done < target; done++) await session.moveSlider();
      const heap = await inspector.heapAfterGc();
      points.push({ reruns: done, heapBytes: heap.total, rssBytes: rssBytes(server.pid), heapParts: heap.parts });
    }
    const [a, b] = points;
    return {
      points,
      heapGrowthBytes: b.heapBytes - a.heapBytes,
      rssGrowthBytes: b.rssBytes === undefined ? undefined : b.rssBytes - a.rssBytes,
      heapGrowthPerRerunBytes: Math.round(((b.heapBytes - a.heapBytes) / (b.reruns - a.reruns)) * 10) / 10,
    };
  } catch (error) {
    throw withServerOutput(error, server);
  } finally {
    await inspector?.close().catch(() => undefined);
    await session?.close();
    await server.stop();
  }
}
